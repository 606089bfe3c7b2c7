import { decide, evolve, initialState, parseFactLine, type CourseState, type RecordedPatientEvent } from '@app/domain';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

/**
 * A fixture's facts as the store would hand them back: decided one by one, with stream revisions,
 * global positions and recorded-at instants one second apart from `recordedFrom`.
 */
export function fixtureEvents(file: 'seed-000.ndjson' | 'seed-001.ndjson', recordedFrom = '2026-01-01T00:00:00.000Z'): Map<string, RecordedPatientEvent[]> {
  const byPatient = new Map<string, RecordedPatientEvent[]>();
  const states = new Map<string, CourseState>();
  let position = 0;
  const text = readFileSync(resolve(FIXTURES, file), 'utf8');
  text.split('\n').forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const line = parseFactLine(trimmed, i + 1);
    const state = states.get(line.patientId) ?? initialState();
    const now = new Date(Date.parse(recordedFrom) + position * 1000).toISOString();
    const events = decide({ type: 'RecordFact', patientId: line.patientId, fact: line, metadata: { now, eventId: line.eventId ?? `line-${i + 1}`, recordedBy: line.recordedBy ?? 'fixture', ...(line.source && { source: line.source }) } }, state);
    const stream = byPatient.get(line.patientId) ?? [];
    for (const e of events) {
      position++;
      stream.push({ ...e, revision: stream.length, position } as RecordedPatientEvent);
    }
    byPatient.set(line.patientId, stream);
    states.set(line.patientId, events.reduce(evolve, state));
  });
  return byPatient;
}

import { decide, evolve, initialState, parseFactLine, type CourseState, type FactLine, type RecordedPatientEvent } from '@app/domain';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

/**
 * Fact lines as the store would hand them back: decided one by one per patient, with stream
 * revisions, global positions and recorded-at instants one second apart from `recordedFrom`.
 */
export function recordedStreams(lines: Iterable<FactLine>, recordedFrom = '2026-01-01T00:00:00.000Z'): Map<string, RecordedPatientEvent[]> {
  const byPatient = new Map<string, RecordedPatientEvent[]>();
  const states = new Map<string, CourseState>();
  let position = 0;
  let number = 0;
  for (const line of lines) {
    number++;
    const state = states.get(line.patientId) ?? initialState();
    const now = new Date(Date.parse(recordedFrom) + position * 1000).toISOString();
    const metadata = { now, eventId: line.eventId ?? `line-${number}`, recordedBy: line.recordedBy ?? 'fixture', ...(line.source && { source: line.source }) };
    const events = decide({ type: 'RecordFact', patientId: line.patientId, fact: line, metadata }, state);
    const stream = byPatient.get(line.patientId) ?? [];
    for (const e of events) stream.push({ ...e, revision: stream.length, position: ++position } as RecordedPatientEvent);
    byPatient.set(line.patientId, stream);
    states.set(line.patientId, events.reduce(evolve, state));
  }
  return byPatient;
}

/** A fixture file's facts as the store would hand them back (comment and blank lines skipped). */
export function fixtureEvents(file: 'seed-000.ndjson' | 'seed-001.ndjson', recordedFrom = '2026-01-01T00:00:00.000Z'): Map<string, RecordedPatientEvent[]> {
  const text = readFileSync(resolve(FIXTURES, file), 'utf8');
  const lines = text.split('\n').flatMap((raw, i) => {
    const trimmed = raw.trim();
    return trimmed === '' || trimmed.startsWith('#') ? [] : [parseFactLine(trimmed, i + 1)];
  });
  return recordedStreams(lines, recordedFrom);
}

import type { CourseRecord, RecordedFact } from '../course-record.js';
import { infusionNumberOf } from './fact-body.js';
import type { CourseEnd, TimelineEntry, TimelineHeader } from './timeline.js';

/**
 * The patient at a glance, from facts already in clinical order: the primary diagnosis is the
 * earliest one, and the course ends at death when there is one, else at the latest last contact.
 */
export function timelineHeader(record: CourseRecord, ordered: readonly RecordedFact[], entries: readonly TimelineEntry[]): TimelineHeader {
  const diagnosis = ordered.find((f) => f.type === 'DiagnosisRecorded');
  return {
    patientId: record.patientId,
    diagnosedOn: diagnosis?.occurredOn ?? null,
    infusions: ordered
      .filter((f) => f.type === 'CarTInfused')
      .map((f) => ({ infusionNumber: infusionNumberOf(f), eventId: f.eventId, occurredOn: f.occurredOn ?? null })),
    end: courseEnd(ordered),
    counts: {
      entries: entries.length,
      retracted: record.facts.filter((f) => f.retracted).length,
      corrected: entries.filter((e) => e.amendments.some((a) => a.kind === 'correction')).length,
    },
  };
}

export function courseEnd(ordered: readonly RecordedFact[]): CourseEnd | null {
  const death = ordered.find((f) => f.type === 'DeathRecorded');
  const end = death ?? ordered.findLast((f) => f.type === 'LastContactRecorded');
  if (!end) return null;
  return { kind: end.type === 'DeathRecorded' ? 'death' : 'last-contact', eventId: end.eventId, occurredOn: end.occurredOn ?? null };
}

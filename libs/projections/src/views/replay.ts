import type { RecordedPatientEvent } from '@app/domain';
import { applyToRecord, emptyRecord } from '../course-record.js';
import { deriveLinesOfTherapy, type LinesOfTherapy } from '../lines-of-therapy/index.js';
import { buildTimeline, type Timeline } from '../timeline/index.js';

/** One step of a replayed course: the event, then the timeline and lines as they stood after it. */
export interface ReplayStep {
  readonly revision: number;
  readonly position: number;
  readonly event: { readonly eventId: string; readonly type: string; readonly recordedAt: string; readonly recordedBy: string; readonly data: unknown };
  readonly timeline: Timeline;
  readonly linesOfTherapy: LinesOfTherapy;
}

/** The course event by event, as an auditor steps through it. */
export function* replayCourse(patientId: string, events: Iterable<RecordedPatientEvent>): Generator<ReplayStep> {
  let record = emptyRecord(patientId);
  for (const e of events) {
    record = applyToRecord(record, e);
    yield {
      revision: e.revision,
      position: e.position,
      event: { eventId: e.metadata.eventId, type: e.type, recordedAt: e.metadata.recordedAt, recordedBy: e.metadata.recordedBy, data: e.data },
      timeline: buildTimeline(record),
      linesOfTherapy: deriveLinesOfTherapy(record),
    };
  }
}

import type { EventType, PartialDate, RecordedPatientEvent } from '@app/domain';

/** Who changed a fact, when, why, and what it said before. */
export interface Amendment {
  readonly eventId: string;
  readonly kind: 'correction' | 'retraction';
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly reason: string;
  /** The content the correction replaced (absent for a retraction). */
  readonly replacedData?: Readonly<Record<string, unknown>>;
}

/** One recorded fact as it stands now: its current content and its history of amendments. */
export interface RecordedFact {
  readonly eventId: string;
  readonly type: EventType;
  readonly data: Readonly<Record<string, unknown>>;
  readonly occurredOn?: PartialDate;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly source?: string;
  readonly revision: number;
  readonly position: number;
  readonly amendments: readonly Amendment[];
  readonly retracted: boolean;
}

/** A patient's record: every fact in stream order, corrections applied, retractions flagged. */
export interface CourseRecord {
  readonly patientId: string;
  readonly facts: readonly RecordedFact[];
  /** Revision and position of the last event applied (for checkpoints and idempotence). */
  readonly revision: number;
  readonly position: number;
}

export const emptyRecord = (patientId: string): CourseRecord => ({ patientId, facts: [], revision: -1, position: 0 });

/**
 * Applies one event to a patient's record. Pure; an event at or below the record's revision is a
 * redelivery and changes nothing.
 */
export const applyToRecord = (record: CourseRecord, event: RecordedPatientEvent): CourseRecord => applyAllToRecord(record, [event]);

/**
 * Applies a course's events in order. Pure: the facts are copied once and grown in place, where
 * applying them one at a time copied the whole list for every fact (quadratic in the course).
 */
export function applyAllToRecord(record: CourseRecord, events: Iterable<RecordedPatientEvent>): CourseRecord {
  const facts = [...record.facts];
  let { revision, position } = record;
  for (const event of events) {
    if (event.revision <= revision) continue;
    revision = event.revision;
    position = event.position;
    const { metadata } = event;
    if (event.type === 'EventCorrected' || event.type === 'EventRetracted') {
      const { targetEventId, reason } = event.data;
      const at = facts.findIndex((f) => f.eventId === targetEventId);
      const target = facts[at];
      if (!target) continue;
      const base = { eventId: metadata.eventId, recordedAt: metadata.recordedAt, recordedBy: metadata.recordedBy, reason };
      if (event.type === 'EventRetracted') facts[at] = { ...target, retracted: true, amendments: [...target.amendments, { ...base, kind: 'retraction' as const }] };
      else {
        const data = event.data.correctedData;
        facts[at] = { ...target, data, occurredOn: occurredOnOf(data), amendments: [...target.amendments, { ...base, kind: 'correction' as const, replacedData: target.data }] };
      }
      continue;
    }
    const data = event.data as Record<string, unknown>;
    facts.push({
      eventId: metadata.eventId,
      type: event.type,
      data,
      occurredOn: occurredOnOf(data),
      recordedAt: metadata.recordedAt,
      recordedBy: metadata.recordedBy,
      ...(metadata.source !== undefined && { source: metadata.source }),
      revision: event.revision,
      position: event.position,
      amendments: [],
      retracted: false,
    });
  }
  return { ...record, revision, position, facts };
}

export const recordOf = (patientId: string, events: Iterable<RecordedPatientEvent>): CourseRecord => applyAllToRecord(emptyRecord(patientId), events);

/** Facts that still stand, of the given types. */
export const standing = (record: CourseRecord, ...types: EventType[]): RecordedFact[] =>
  record.facts.filter((f) => !f.retracted && (types.length === 0 || types.includes(f.type)));

function occurredOnOf(data: Record<string, unknown>): PartialDate | undefined {
  return typeof data['occurredOn'] === 'string' ? data['occurredOn'] : undefined;
}

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
export function applyToRecord(record: CourseRecord, event: RecordedPatientEvent): CourseRecord {
  if (event.revision <= record.revision) return record;
  const moved = { revision: event.revision, position: event.position };
  const { metadata } = event;
  if (event.type === 'EventCorrected' || event.type === 'EventRetracted') {
    const { targetEventId, reason } = event.data;
    const facts = record.facts.map((f) => {
      if (f.eventId !== targetEventId) return f;
      const base = { eventId: metadata.eventId, recordedAt: metadata.recordedAt, recordedBy: metadata.recordedBy, reason };
      if (event.type === 'EventRetracted') return { ...f, retracted: true, amendments: [...f.amendments, { ...base, kind: 'retraction' as const }] };
      const data = event.data.correctedData;
      return { ...f, data, occurredOn: occurredOnOf(data), amendments: [...f.amendments, { ...base, kind: 'correction' as const, replacedData: f.data }] };
    });
    return { ...record, ...moved, facts };
  }
  const data = event.data as Record<string, unknown>;
  const fact: RecordedFact = {
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
  };
  return { ...record, ...moved, facts: [...record.facts, fact] };
}

export const recordOf = (patientId: string, events: Iterable<RecordedPatientEvent>): CourseRecord => {
  let record = emptyRecord(patientId);
  for (const e of events) record = applyToRecord(record, e);
  return record;
};

/** Facts that still stand, of the given types. */
export const standing = (record: CourseRecord, ...types: EventType[]): RecordedFact[] =>
  record.facts.filter((f) => !f.retracted && (types.length === 0 || types.includes(f.type)));

function occurredOnOf(data: Record<string, unknown>): PartialDate | undefined {
  return typeof data['occurredOn'] === 'string' ? data['occurredOn'] : undefined;
}

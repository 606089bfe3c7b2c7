import { copyOptionalMetadata, EVENT_CATALOGUE, isEventType, upcast, type EventMetadata, type PatientEvent, type RecordedPatientEvent } from '@app/domain';
import type { NewEvent, StoredEvent } from '@app/event-store';

const STREAM_PREFIX = 'patient-';

/** One stream per patient course. */
export const patientStreamId = (patientId: string): string => `${STREAM_PREFIX}${patientId}`;
export const patientIdOf = (streamId: string): string => (streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : streamId);

/**
 * What the store keeps of an event. The event id, the patient (the stream) and the recorded-at
 * instant (the commit time) are the store's own columns, so the metadata does not repeat them.
 */
export function toNewEvent(event: PatientEvent): NewEvent {
  const { eventId, schemaVersion, recordedBy } = event.metadata;
  // Not a rest spread: one of these per event appended.
  const metadata: { schemaVersion: number; recordedBy: string; source?: string; reason?: string; correlationId?: string; causationId?: string } = { schemaVersion, recordedBy };
  copyOptionalMetadata(event.metadata, metadata);
  return { eventId, type: event.type, data: event.data, metadata };
}

/**
 * Rebuilds a domain event from what the store holds: older schema versions are upcast to the
 * current shape, the patient comes from the stream, and the store's commit time is the
 * recorded-at that counts.
 */
export function fromStored(stored: StoredEvent): RecordedPatientEvent {
  if (!isEventType(stored.type)) throw new Error(`event ${stored.eventId} at position ${stored.position} has unknown type ${stored.type}`);
  const stated = stored.metadata as unknown as EventMetadata;
  const { version } = EVENT_CATALOGUE[stored.type];
  const data = upcast(stored.type, stated.schemaVersion ?? 1, stored.data as Record<string, unknown>);
  // Field by field rather than spread: every event then has the same shape, which made this a
  // fifth of the cost it was when replaying a store.
  const metadata: { -readonly [K in keyof EventMetadata]: EventMetadata[K] } = {
    eventId: stored.eventId,
    patientId: patientIdOf(stored.streamId),
    schemaVersion: version,
    recordedAt: stored.recordedAt.toISOString(),
    recordedBy: stated.recordedBy,
  };
  copyOptionalMetadata(stated, metadata);
  return { type: stored.type, data, metadata, revision: stored.revision, position: stored.position } as RecordedPatientEvent;
}

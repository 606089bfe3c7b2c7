import { EVENT_CATALOGUE, isEventType, upcast, type EventMetadata, type PatientEvent, type RecordedPatientEvent } from '@app/domain';
import type { NewEvent, StoredEvent } from '@app/event-store';

/** One stream per patient course. */
export const patientStreamId = (patientId: string): string => `patient-${patientId}`;
export const patientIdOf = (streamId: string): string => streamId.replace(/^patient-/, '');

/**
 * What the store keeps of an event. The event id, the patient (the stream) and the recorded-at
 * instant (the commit time) are the store's own columns, so the metadata does not repeat them.
 */
export function toNewEvent(event: PatientEvent): NewEvent {
  const { eventId, patientId: _patientId, recordedAt: _recordedAt, ...rest } = event.metadata;
  return { eventId, type: event.type, data: event.data, metadata: rest };
}

/**
 * Rebuilds a domain event from what the store holds: older schema versions are upcast to the
 * current shape, the patient comes from the stream, and the store's commit time is the
 * recorded-at that counts.
 */
export function fromStored(stored: StoredEvent): RecordedPatientEvent {
  if (!isEventType(stored.type)) throw new Error(`event ${stored.eventId} at position ${stored.position} has unknown type ${stored.type}`);
  const metadata = stored.metadata as unknown as EventMetadata;
  const version = metadata.schemaVersion ?? 1;
  const data = upcast(stored.type, version, stored.data as Record<string, unknown>);
  return {
    type: stored.type,
    data,
    metadata: {
      ...metadata,
      eventId: stored.eventId,
      patientId: patientIdOf(stored.streamId),
      schemaVersion: EVENT_CATALOGUE[stored.type].version,
      recordedAt: stored.recordedAt.toISOString(),
    },
    revision: stored.revision,
    position: stored.position,
  } as RecordedPatientEvent;
}

import type { RecordedPatientEvent } from '@app/domain';

/** One line of the audit trail: who recorded, corrected or retracted what, when and why. */
export interface AuditEntry {
  readonly position: number;
  readonly patientId: string;
  readonly eventId: string;
  readonly type: string;
  readonly action: 'recorded' | 'corrected' | 'retracted';
  readonly targetEventId?: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly reason?: string;
  readonly source?: string;
  readonly correlationId?: string;
}

export function auditEntryOf(event: RecordedPatientEvent): AuditEntry {
  const { metadata } = event;
  const amendment = event.type === 'EventCorrected' || event.type === 'EventRetracted' ? event.data : undefined;
  const reason = amendment?.reason ?? metadata.reason;
  // Assigned rather than spread in: one entry per event replayed, and conditional spreads cost more than the rest.
  const entry: { -readonly [K in keyof AuditEntry]: AuditEntry[K] } = {
    position: event.position,
    patientId: metadata.patientId,
    eventId: metadata.eventId,
    type: event.type,
    action: event.type === 'EventCorrected' ? 'corrected' : event.type === 'EventRetracted' ? 'retracted' : 'recorded',
    recordedBy: metadata.recordedBy,
    recordedAt: metadata.recordedAt,
  };
  if (amendment) entry.targetEventId = amendment.targetEventId;
  if (reason !== undefined) entry.reason = reason;
  if (metadata.source !== undefined) entry.source = metadata.source;
  if (metadata.correlationId !== undefined) entry.correlationId = metadata.correlationId;
  return entry;
}

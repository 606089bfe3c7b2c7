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
  return {
    position: event.position,
    patientId: metadata.patientId,
    eventId: metadata.eventId,
    type: event.type,
    action: event.type === 'EventCorrected' ? 'corrected' : event.type === 'EventRetracted' ? 'retracted' : 'recorded',
    ...(amendment && { targetEventId: amendment.targetEventId }),
    recordedBy: metadata.recordedBy,
    recordedAt: metadata.recordedAt,
    ...(reason !== undefined && { reason }),
    ...(metadata.source !== undefined && { source: metadata.source }),
    ...(metadata.correlationId !== undefined && { correlationId: metadata.correlationId }),
  };
}

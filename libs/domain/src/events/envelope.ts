import type { PatientEventBody } from './catalogue.js';

/** Who, when, how and why a fact was recorded; kept with every event, never edited. */
export interface EventMetadata {
  readonly eventId: string;
  readonly patientId: string;
  readonly schemaVersion: number;
  /** Store time at which the fact was recorded (ISO instant). */
  readonly recordedAt: string;
  readonly recordedBy: string;
  /** Where the fact came from: a document, a system, an import file and line. */
  readonly source?: string;
  readonly reason?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

export type PatientEvent = PatientEventBody & { readonly metadata: EventMetadata };

/** A patient event as read back from the store, with its place in the stream and in the log. */
export type RecordedPatientEvent = PatientEvent & { readonly revision: number; readonly position: number };

/** The metadata fields an event may or may not carry. */
export type OptionalMetadata = Pick<EventMetadata, 'source' | 'reason' | 'correlationId' | 'causationId'>;

/**
 * Copies the optional metadata that is present, field by field: every event recorded, stored and
 * read back goes through this, and conditional spreads made an object each.
 */
export function copyOptionalMetadata(from: OptionalMetadata, to: { -readonly [K in keyof OptionalMetadata]: OptionalMetadata[K] }): void {
  if (from.source !== undefined) to.source = from.source;
  if (from.reason !== undefined) to.reason = from.reason;
  if (from.correlationId !== undefined) to.correlationId = from.correlationId;
  if (from.causationId !== undefined) to.causationId = from.causationId;
}

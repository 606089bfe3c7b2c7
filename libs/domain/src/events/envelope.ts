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

/**
 * What a caller asks of a patient course. Time and new ids come in with the command (the domain
 * has no clock and no randomness), so `decide` stays a pure function.
 */
export interface CommandMetadata {
  /** The instant the command is decided at; "the future" is judged against it. */
  readonly now: string;
  /** Id for the event the command records. */
  readonly eventId: string;
  readonly recordedBy: string;
  readonly source?: string;
  readonly reason?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/** Records one fact: enrolment, any clinical fact, a correction or a retraction; `data` is untrusted input. */
export interface RecordFact {
  readonly type: 'RecordFact';
  readonly patientId: string;
  readonly fact: { readonly type: unknown; readonly data: unknown };
  readonly metadata: CommandMetadata;
}

export type CourseCommand = RecordFact;

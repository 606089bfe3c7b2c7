/**
 * The facts a time-to-event derivation reads: the least a patient's record must say about each
 * fact. Kept here, not taken from the domain, so the survival engine can be fed from any store.
 */
export interface SurvivalFact {
  readonly eventId: string;
  /** The fact's type in the record's words, e.g. 'RelapseRecorded'. */
  readonly type: string;
  /** Clinical date with the precision the source gave: YYYY, YYYY-MM or YYYY-MM-DD. */
  readonly occurredOn?: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** Global log position of the event that recorded the fact. */
  readonly position: number;
  /** Place of the fact in its patient's stream (0-based). */
  readonly revision: number;
  /** Entered in error: never counts, whatever the definition says. */
  readonly retracted?: boolean;
}

/** One analysis subject: CDISC's study and unique subject id, and the facts of their course. */
export interface SurvivalSubject {
  readonly studyId: string;
  readonly usubjid: string;
  readonly facts: readonly SurvivalFact[];
}

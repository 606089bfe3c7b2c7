/** 'D' when the day was imputed, 'M' when month and day were (ADaM --DTF). */
export type DateImputationFlag = 'D' | 'M';

/**
 * One ADaM ADTTE observation. The upper-case columns are CDISC's; the camel-case ones trace the
 * row to the record: the source that decided it, and that fact's event id and log position.
 */
export interface AdtteRow {
  readonly STUDYID: string;
  readonly USUBJID: string;
  readonly PARAMCD: string;
  readonly PARAM: string;
  readonly STARTDT: string;
  readonly STARTDTF: DateImputationFlag | null;
  readonly ADT: string;
  readonly ADTF: DateImputationFlag | null;
  /** Days from STARTDT to ADT (plus one when the endpoint says `addOneDay`). */
  readonly AVAL: number;
  readonly AVALU: 'DAYS';
  /** AVAL / days per month (30.4375 unless the endpoint says otherwise). */
  readonly months: number;
  /** 0 event, 1+ the coded censoring reason. */
  readonly CNSR: number;
  readonly EVNTDESC: string;
  /** The censoring description; null for an event. */
  readonly CNSDTDSC: string | null;
  readonly SRCDOM: string;
  readonly SRCVAR: string;
  /** The deciding fact's place in its patient's stream, 1-based (stream revision + 1); null at the data cutoff. */
  readonly SRCSEQ: number | null;
  /** Name of the deciding source, e.g. 'relapse_event', or 'data_cutoff'. */
  readonly source: string;
  readonly eventId: string | null;
  readonly position: number | null;
  readonly originEventId: string;
  readonly originPosition: number;
  /** The deciding date was before the origin, so ADT is the origin date (admiral: ADT = max(ADT, STARTDT)). */
  readonly clampedToOrigin: boolean;
  /** The imputed date fell after the data cutoff, so ADT is the cutoff date. */
  readonly cappedAtCutoff: boolean;
}

/** A subject the endpoint cannot be derived for, and why. */
export interface ExcludedSubject {
  readonly STUDYID: string;
  readonly USUBJID: string;
  readonly PARAMCD: string;
  readonly excluded: string;
}

export type TimeToEvent = AdtteRow | ExcludedSubject;

export const isExcluded = (result: TimeToEvent): result is ExcludedSubject => 'excluded' in result;

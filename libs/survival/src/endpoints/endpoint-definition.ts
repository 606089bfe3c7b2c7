/**
 * A time-to-event endpoint as data, after R admiral's `event_source()` / `censor_source()` /
 * `derive_param_tte()`: which facts are events, which are censorings, from which origin. The
 * precedence rules live in one engine (derive-time-to-event.ts), not in each definition.
 */

export type FieldValue = string | number | boolean | null;

/**
 * A condition on a fact's data, by dotted path ('product.source', 'sites.site'). A path that
 * crosses an array matches when any element matches: 'sites.site' equals 'cns' is "a CNS site".
 */
export type FieldFilter =
  | { readonly path: string; readonly equals: FieldValue }
  | { readonly path: string; readonly in: readonly FieldValue[] }
  | { readonly path: string; readonly exists: boolean };

/**
 * Which facts a source stands for. `window` 'after-origin' (the default) keeps only facts later
 * than the origin fact in clinical order (clinical date, then stream order): a course record
 * holds the whole history, and the relapse that led to CAR-T is not an event after it. Admiral
 * has no such window because its source datasets are post-baseline already; 'any-time' is its
 * behaviour, where an earlier date is clamped to the origin.
 */
export interface FactSelector {
  /** A fact type name, or several: any of them qualifies. */
  readonly type: string | readonly string[];
  /** All filters must hold. */
  readonly where?: readonly FieldFilter[];
  /** Which qualifying fact the source contributes: default 'first' for events, 'last' for censorings. */
  readonly which?: 'first' | 'last';
  readonly window?: 'after-origin' | 'any-time';
}

interface SourceBase {
  /** Catalogue name, e.g. 'relapse_event'; reported with each row it decides. */
  readonly name: string;
  readonly select: FactSelector;
  /** Where the date came from, for SRCDOM / SRCVAR: the fact type and its date field. */
  readonly srcdom: string;
  readonly srcvar: string;
}

export interface EventSource extends SourceBase {
  readonly cnsr: 0;
  readonly evntdesc: string;
}

export interface CensorSource extends SourceBase {
  /** A coded censoring reason, 1 or more (CDISC: 0 is reserved for events). */
  readonly cnsr: number;
  readonly cnsdtdsc: string;
  /** EVNTDESC of a row this censoring decides; the censoring description when absent. */
  readonly evntdesc?: string;
  /**
   * The censoring ends follow-up: nothing after its first occurrence counts, neither events nor
   * later censorings ("censored at HSCT", "censored at new anticancer therapy"). Admiral needs a
   * filter on every other source for this; here it is said once.
   */
  readonly endsFollowUp?: boolean;
}

/** Day zero: the first qualifying fact in clinical order (or the last, when `which` says so). */
export interface OriginSource {
  readonly name: string;
  readonly select: Omit<FactSelector, 'window'>;
  readonly srcvar?: string;
}

/**
 * How a partial date becomes a day, as admiral's `date_imputation`: 'first' (2021-04 -> 04-01,
 * 2021 -> 01-01), 'middle' (admiral's "mid": 04-15, 06-30), 'last' (04-30, 12-31).
 */
export type DateImputation = 'first' | 'middle' | 'last';

export interface ImputationRules {
  readonly origin: DateImputation;
  readonly event: DateImputation;
  readonly censor: DateImputation;
}

export interface EndpointDefinition {
  /** ADaM PARAMCD, at most 8 characters by convention, e.g. 'EFS'. */
  readonly paramcd: string;
  readonly param: string;
  /** Default: the first CAR-T infusion. */
  readonly origin?: OriginSource;
  /** In precedence order: on a tie of dates the earlier-listed event wins. */
  readonly events: readonly EventSource[];
  /** On a tie of dates the later-listed censoring wins (admiral's rule). */
  readonly censors: readonly CensorSource[];
  readonly timeUnit?: 'days';
  /** Default 'first' for all three. */
  readonly imputation?: Partial<ImputationRules>;
  /** AVAL = ADT - STARTDT, plus one when true (admiral's derive_vars_duration default). Default false. */
  readonly addOneDay?: boolean;
  /** Month length for `months`; default 30.4375 (365.25 / 12). */
  readonly daysPerMonth?: number;
  /** How a censoring at the data cutoff is coded. Default cnsr 2, 'DATA CUTOFF'. */
  readonly cutoffCensor?: { readonly cnsr: number; readonly cnsdtdsc: string };
}

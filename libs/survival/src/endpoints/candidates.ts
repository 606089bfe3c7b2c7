import type { DateImputationFlag } from './adtte-row.js';
import type { CensorSource, DateImputation, EventSource } from './endpoint-definition.js';
import { imputeDate } from './partial-dates.js';
import { selectFacts, type PlacedFact } from './select-facts.js';

/** A date as the derivation uses it: imputed by the rule, then capped at the data cutoff. */
export interface AnalysisDate {
  readonly date: string;
  readonly flag: DateImputationFlag | null;
  readonly capped: boolean;
}

export function analysisDate(partial: string, rule: DateImputation, cutoff: string | undefined): AnalysisDate {
  const { date, flag } = imputeDate(partial, rule);
  return cutoff !== undefined && date > cutoff ? { date: cutoff, flag: null, capped: true } : { date, flag, capped: false };
}

/** What a candidate row would say about its source; the data cutoff is a source of its own. */
export interface CandidateSource {
  readonly name: string;
  readonly cnsr: number;
  readonly evntdesc: string;
  readonly cnsdtdsc: string | null;
  readonly srcdom: string;
  readonly srcvar: string;
}

/** One source's contribution: its chosen fact (none for the cutoff), dated. `order` is its place in the definition. */
export interface Candidate extends AnalysisDate {
  readonly source: CandidateSource;
  readonly order: number;
  readonly fact: PlacedFact | null;
}

const isCensor = (s: EventSource | CensorSource): s is CensorSource => 'cnsdtdsc' in s;

const describe = (s: EventSource | CensorSource): CandidateSource =>
  isCensor(s)
    ? { name: s.name, cnsr: s.cnsr, evntdesc: s.evntdesc ?? s.cnsdtdsc, cnsdtdsc: s.cnsdtdsc, srcdom: s.srcdom, srcvar: s.srcvar }
    : { name: s.name, cnsr: 0, evntdesc: s.evntdesc, cnsdtdsc: null, srcdom: s.srcdom, srcvar: s.srcvar };

export interface Seen {
  readonly facts: readonly PlacedFact[];
  readonly origin: PlacedFact;
  readonly rule: DateImputation;
  readonly cutoff: string | undefined;
  /** Follow-up ends on this day: facts dated after it are not seen. */
  readonly until?: string;
}

/**
 * The fact a source contributes (admiral: "for each subject the first observation with respect to
 * date"; `which` 'last' for censorings), by imputed date, ties in clinical order.
 */
export function candidateOf(source: EventSource | CensorSource, order: number, seen: Seen): Candidate | undefined {
  const dated = selectFacts(seen.facts, source.select, seen.origin)
    .map((fact) => ({ fact, ...analysisDate(fact.occurredOn, seen.rule, seen.cutoff) }))
    .filter((c) => seen.until === undefined || c.date <= seen.until);
  const ordered = dated.map((c, i) => ({ c, i })).sort((a, b) => (a.c.date < b.c.date ? -1 : a.c.date > b.c.date ? 1 : a.i - b.i));
  const which = source.select.which ?? (isCensor(source) ? 'last' : 'first');
  const chosen = which === 'first' ? ordered[0] : ordered[ordered.length - 1];
  return chosen && { ...chosen.c, source: describe(source), order };
}

/** The earliest candidate, ties to the earlier-listed source: admiral's rule for events. */
export const earliest = (candidates: readonly Candidate[]): Candidate | undefined =>
  [...candidates].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order))[0];

/** The latest candidate, ties to the later-listed source: admiral's rule for censorings. */
export const latest = (candidates: readonly Candidate[]): Candidate | undefined =>
  [...candidates].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.order - a.order))[0];

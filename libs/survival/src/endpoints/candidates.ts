import type { DateImputationFlag } from './adtte-row.js';
import type { DateImputation } from './endpoint-definition.js';
import { imputed } from './partial-dates.js';
import type { CandidateSource, PreparedSource } from './prepared-endpoint.js';
import { compareFacts, matches, type PlacedFact } from './select-facts.js';

/** A date as the derivation uses it: imputed by the rule, then capped at the data cutoff. */
export interface AnalysisDate {
  readonly date: string;
  readonly flag: DateImputationFlag | null;
  readonly capped: boolean;
}

export function analysisDate(partial: string, rule: DateImputation, cutoff: string | undefined): AnalysisDate {
  const { date, flag } = imputed(partial, rule);
  return cutoff !== undefined && date > cutoff ? { date: cutoff, flag: null, capped: true } : { date, flag, capped: false };
}

/** One source's contribution: its chosen fact (none for the cutoff), dated. `order` is its place in the definition. */
export interface Candidate extends AnalysisDate {
  readonly source: CandidateSource;
  readonly order: number;
  readonly fact: PlacedFact | null;
}

/** One subject's facts as an endpoint sees them. */
export interface Seen {
  /** Placed facts in clinical order (placedFacts); they may include types no source selects. */
  readonly facts: readonly PlacedFact[];
  /** Facts from this index on are past the data cutoff (clinical order is by earliest day first). */
  readonly end: number;
  readonly origin: PlacedFact;
  /** The origin's index in `facts`. */
  readonly originAt: number;
  readonly cutoff: string | undefined;
}

/** Whether a fact after the origin's index is after the origin in clinical order: only a tie with it is not. */
export const afterOriginFact = (fact: PlacedFact, origin: PlacedFact): boolean => fact.revision !== origin.revision || compareFacts(fact, origin) > 0;

/**
 * The fact a source contributes (admiral: "for each subject the first observation with respect to
 * date"; `which` 'last' for censorings), by imputed date, ties in clinical order. Facts dated after
 * `until` (follow-up ended) are not seen. One pass over the facts, nothing kept but the choice.
 */
export function candidateOf(source: PreparedSource, seen: Seen, rule: DateImputation, until: string | undefined): Candidate | undefined {
  const { facts, origin, cutoff } = seen;
  const first = source.which === 'first';
  let chosen: PlacedFact | undefined;
  let chosenDate = '';
  // Facts before the origin's index are before it in clinical order; the origin itself is no candidate either.
  for (let i = source.afterOrigin ? seen.originAt + 1 : 0; i < seen.end; i++) {
    const fact = facts[i] as PlacedFact;
    if (!matches(source.select, fact) || (source.afterOrigin && !afterOriginFact(fact, origin))) continue;
    const day = imputed(fact.occurredOn, rule).date;
    const date = cutoff !== undefined && day > cutoff ? cutoff : day;
    if (until !== undefined && date > until) continue;
    // The earliest date, ties to the first in clinical order; or the latest, ties to the last.
    if (chosen === undefined || (first ? date < chosenDate : date >= chosenDate)) {
      chosen = fact;
      chosenDate = date;
    }
  }
  if (chosen === undefined) return undefined;
  const { date, flag, capped } = analysisDate(chosen.occurredOn, rule, cutoff);
  return { date, flag, capped, source: source.describes, order: source.order, fact: chosen };
}

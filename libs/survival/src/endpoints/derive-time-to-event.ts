import type { AdtteRow, TimeToEvent } from './adtte-row.js';
import { analysisDate, afterOriginFact, candidateOf, type AnalysisDate, type Candidate, type Seen } from './candidates.js';
import type { EndpointDefinition } from './endpoint-definition.js';
import { daysBetween, earliestDay, isFullDate } from './partial-dates.js';
import { prepareEndpoint, type PreparedEndpoint, type PreparedSource } from './prepared-endpoint.js';
import { matches, placedFacts, type PlacedFact } from './select-facts.js';
import { CENSOR_REASON, firstInfusionOrigin } from './source-catalogue.js';
import type { SurvivalSubject } from './survival-fact.js';

export { DEFAULT_IMPUTATION } from './prepared-endpoint.js';

export interface DerivationOptions {
  /** Data cutoff, YYYY-MM-DD. */
  readonly cutoff?: string;
}

export const DEFAULT_DAYS_PER_MONTH = 30.4375;

const typesByEndpoint = new WeakMap<EndpointDefinition, ReadonlySet<string>>();

/**
 * The fact types an endpoint's origin and sources can select. Only those facts are placed and
 * sorted (most of a course is labs); dropping the others changes no relative order.
 */
export function endpointFactTypes(endpoint: EndpointDefinition): ReadonlySet<string> {
  let types = typesByEndpoint.get(endpoint);
  if (!types) {
    const selectors = [(endpoint.origin ?? firstInfusionOrigin).select, ...endpoint.events.map((s) => s.select), ...endpoint.censors.map((s) => s.select)];
    types = new Set(selectors.flatMap((s) => (typeof s.type === 'string' ? [s.type] : s.type)));
    typesByEndpoint.set(endpoint, types);
  }
  return types;
}

function checkCutoff(cutoff: string | undefined): void {
  if (cutoff !== undefined && !isFullDate(cutoff)) throw new RangeError(`the data cutoff must be a date YYYY-MM-DD; got "${cutoff}"`);
}

/**
 * One subject's row of one endpoint, by admiral's `derive_param_tte` precedence:
 *
 * 1. Retracted facts and facts without a valid clinical date never count.
 * 2. Data cutoff: a fact counts when the first day its date can stand for is on or before the
 *    cutoff (the rule of the record's own cutoff view); an imputed date past it is capped at it.
 * 3. Origin: the first qualifying origin fact in clinical order; none, and the subject is
 *    excluded with the reason. STARTDT is its date imputed by the origin rule.
 * 4. A censoring that `endsFollowUp` (HSCT, new therapy): its earliest date ends follow-up, and
 *    no fact dated after it counts, event or censoring; an event on that very day still counts.
 * 5. Each source contributes its first qualifying fact (its last, for a censoring) by imputed date.
 * 6. The earliest event wins, ties to the earlier-listed event source. With no event, the latest
 *    censoring wins, ties to the later-listed censor source (admiral's rule for both).
 * 7. The cutoff censors: when a fact after the cutoff would have been an event or a censoring,
 *    the subject was followed past the cutoff, so a censoring dated the cutoff joins the
 *    censorings, listed last (it wins a tie). Not when follow-up already ended (rule 4).
 * 8. No event and no censoring: excluded with the reason (admiral drops such subjects silently).
 * 9. ADT = max(ADT, STARTDT), flagged `clampedToOrigin`; AVAL = ADT - STARTDT in days, plus one
 *    only when the endpoint says `addOneDay`; months = AVAL / 30.4375.
 */
export function deriveTimeToEvent(subject: SurvivalSubject, endpoint: EndpointDefinition, options: DerivationOptions = {}): TimeToEvent {
  const { cutoff } = options;
  checkCutoff(cutoff);
  return derive(subject, placedFacts(subject.facts, endpointFactTypes(endpoint)), prepareEndpoint(endpoint), cutoff);
}

/**
 * deriveTimeToEvent for several endpoints, subject after subject, as a dataset derives them: each
 * endpoint's defaults are resolved once, and each subject's facts are placed in clinical order
 * once for all the endpoints. The results come in the order of the endpoints.
 */
export function timesToEvent(endpoints: readonly EndpointDefinition[], options: DerivationOptions = {}): (subject: SurvivalSubject) => TimeToEvent[] {
  const { cutoff } = options;
  checkCutoff(cutoff);
  const prepared = endpoints.map(prepareEndpoint);
  const types = new Set(endpoints.flatMap((e) => [...endpointFactTypes(e)]));
  return (subject) => {
    const facts = placedFacts(subject.facts, types);
    return prepared.map((endpoint) => derive(subject, facts, endpoint, cutoff));
  };
}

/** The rules above over a subject's placed facts, which may hold types the endpoint never selects. */
function derive(subject: SurvivalSubject, facts: readonly PlacedFact[], endpoint: PreparedEndpoint, cutoff: string | undefined): TimeToEvent {
  const { definition, rules } = endpoint;
  // Clinical order is by earliest day first, so the facts the cutoff lets count are a prefix.
  const end = cutoff === undefined ? facts.length : countedBy(facts, cutoff);
  const originAt = originIndex(facts, end, endpoint);
  const origin = facts[originAt];
  if (origin === undefined) {
    const where = cutoff === undefined ? 'in the record' : `on or before the data cutoff ${cutoff}`;
    const { name, select } = endpoint.origin;
    return { STUDYID: subject.studyId, USUBJID: subject.usubjid, PARAMCD: definition.paramcd, excluded: `no origin: no ${name} fact (${String(select.type)}) ${where}` };
  }
  const start = analysisDate(origin.occurredOn, rules.origin, cutoff);
  const seen: Seen = { facts, end, origin, originAt, cutoff };

  let until: string | undefined;
  for (const s of endpoint.censors) {
    const ends = s.endsFollowUp ? candidateOf(s, seen, rules.censor, undefined) : undefined;
    if (ends !== undefined && (until === undefined || ends.date < until)) until = ends.date;
  }
  // The earliest event, ties to the earlier-listed source; else the latest censoring, ties to the later-listed.
  let decided: Candidate | undefined;
  for (const s of endpoint.events) {
    const c = candidateOf(s, seen, rules.event, until);
    if (c !== undefined && (decided === undefined || c.date < decided.date)) decided = c;
  }
  if (decided === undefined) {
    for (const s of endpoint.censors) {
      const c = candidateOf(s, seen, rules.censor, until);
      if (c !== undefined && (decided === undefined || c.date >= decided.date)) decided = c;
    }
    if (cutoff !== undefined && until === undefined && followedPastCutoff(seen, endpoint) && (decided === undefined || cutoff >= decided.date)) {
      decided = cutoffCandidate(cutoff, endpoint);
    }
  }
  if (decided === undefined) return { STUDYID: subject.studyId, USUBJID: subject.usubjid, PARAMCD: definition.paramcd, excluded: 'no event and no censoring after the origin' };
  return rowOf(subject, definition, origin, start, decided);
}

/** How many facts, from the first in clinical order, count under the cutoff: those whose earliest day is on or before it. */
function countedBy(facts: readonly PlacedFact[], cutoff: string): number {
  let end = facts.length;
  while (end > 0 && earliestDay((facts[end - 1] as PlacedFact).occurredOn) > cutoff) end--;
  return end;
}

/** The origin fact's index among the counted facts (any time in the record), or -1. */
function originIndex(facts: readonly PlacedFact[], end: number, endpoint: PreparedEndpoint): number {
  const { select } = endpoint.origin;
  const first = (select.which ?? 'first') === 'first';
  let found = -1;
  for (let i = 0; i < end; i++) {
    if (!matches(select, facts[i] as PlacedFact)) continue;
    found = i;
    if (first) break;
  }
  return found;
}

/** Whether a fact past the cutoff would have been an event or a censoring. */
function followedPastCutoff(seen: Seen, endpoint: PreparedEndpoint): boolean {
  const { facts, end, origin } = seen;
  const selects = (s: PreparedSource, fact: PlacedFact): boolean => matches(s.select, fact) && (!s.afterOrigin || afterOriginFact(fact, origin));
  for (let i = end; i < facts.length; i++) {
    const fact = facts[i] as PlacedFact;
    if (endpoint.events.some((s) => selects(s, fact)) || endpoint.censors.some((s) => selects(s, fact))) return true;
  }
  return false;
}

function cutoffCandidate(cutoff: string, endpoint: PreparedEndpoint): Candidate {
  const { definition } = endpoint;
  const { cnsr, cnsdtdsc } = definition.cutoffCensor ?? { cnsr: CENSOR_REASON.dataCutoff, cnsdtdsc: 'DATA CUTOFF' };
  const source = { name: 'data_cutoff', cnsr, evntdesc: cnsdtdsc, cnsdtdsc, srcdom: 'CUTOFF', srcvar: 'DCUTDT' };
  return { source, order: endpoint.censors.length, fact: null, date: cutoff, flag: null, capped: false };
}

function rowOf(subject: SurvivalSubject, endpoint: EndpointDefinition, origin: PlacedFact, start: AnalysisDate, decided: Candidate): AdtteRow {
  const clamped = decided.date < start.date;
  const ADT = clamped ? start.date : decided.date;
  const AVAL = daysBetween(start.date, ADT) + (endpoint.addOneDay === true ? 1 : 0);
  const { source, fact } = decided;
  return {
    STUDYID: subject.studyId,
    USUBJID: subject.usubjid,
    PARAMCD: endpoint.paramcd,
    PARAM: endpoint.param,
    STARTDT: start.date,
    STARTDTF: start.flag,
    ADT,
    ADTF: clamped ? start.flag : decided.flag,
    AVAL,
    AVALU: 'DAYS',
    months: AVAL / (endpoint.daysPerMonth ?? DEFAULT_DAYS_PER_MONTH),
    CNSR: source.cnsr,
    EVNTDESC: source.evntdesc,
    CNSDTDSC: source.cnsdtdsc,
    SRCDOM: source.srcdom,
    SRCVAR: source.srcvar,
    SRCSEQ: fact === null ? null : fact.revision + 1,
    source: source.name,
    eventId: fact?.eventId ?? null,
    position: fact?.position ?? null,
    originEventId: origin.eventId,
    originPosition: origin.position,
    clampedToOrigin: clamped,
    cappedAtCutoff: decided.capped,
  };
}

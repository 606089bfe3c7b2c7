import type { AdtteRow, TimeToEvent } from './adtte-row.js';
import { analysisDate, candidateOf, earliest, latest, type Candidate, type Seen } from './candidates.js';
import type { EndpointDefinition, ImputationRules } from './endpoint-definition.js';
import { daysBetween, earliestDay, isFullDate } from './partial-dates.js';
import { placedFacts, selectFacts, type PlacedFact } from './select-facts.js';
import { CENSOR_REASON, firstInfusionOrigin } from './source-catalogue.js';
import type { SurvivalSubject } from './survival-fact.js';

export interface DerivationOptions {
  /** Data cutoff, YYYY-MM-DD. */
  readonly cutoff?: string;
}

export const DEFAULT_IMPUTATION: ImputationRules = { origin: 'first', event: 'first', censor: 'first' };
export const DEFAULT_DAYS_PER_MONTH = 30.4375;

const present = (c: Candidate | undefined): c is Candidate => c !== undefined;

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
  const keys = { STUDYID: subject.studyId, USUBJID: subject.usubjid, PARAMCD: endpoint.paramcd };
  const rules = { ...DEFAULT_IMPUTATION, ...endpoint.imputation };
  const { cutoff } = options;
  if (cutoff !== undefined && !isFullDate(cutoff)) throw new RangeError(`the data cutoff must be a date YYYY-MM-DD; got "${cutoff}"`);
  const types = endpointFactTypes(endpoint);
  const all = placedFacts(subject.facts.filter((f) => types.has(f.type)));
  const facts = cutoff === undefined ? all : all.filter((f) => earliestDay(f.occurredOn) <= cutoff);

  const originSource = endpoint.origin ?? firstInfusionOrigin;
  const origins = selectFacts(facts, { ...originSource.select, window: 'any-time' }, undefined);
  const origin = (originSource.select.which ?? 'first') === 'first' ? origins[0] : origins[origins.length - 1];
  if (origin === undefined) {
    const where = cutoff === undefined ? 'in the record' : `on or before the data cutoff ${cutoff}`;
    return { ...keys, excluded: `no origin: no ${originSource.name} fact (${String(originSource.select.type)}) ${where}` };
  }
  const start = analysisDate(origin.occurredOn, rules.origin, cutoff);

  const asCensor: Seen = { facts, origin, rule: rules.censor, cutoff };
  const ends = endpoint.censors.flatMap((s, i) => (s.endsFollowUp ? [candidateOf(s, i, asCensor)] : []));
  const until = earliest(ends.filter(present))?.date;

  const events = endpoint.events.map((s, i) => candidateOf(s, i, { facts, origin, rule: rules.event, cutoff, until }));
  const censors = endpoint.censors.map((s, i) => candidateOf(s, i, { ...asCensor, until }));
  if (cutoff !== undefined && until === undefined && followedPastCutoff(all, cutoff, origin, endpoint)) {
    censors.push(cutoffCandidate(cutoff, endpoint));
  }
  const decided = earliest(events.filter(present)) ?? latest(censors.filter(present));
  if (decided === undefined) return { ...keys, excluded: 'no event and no censoring after the origin' };
  return rowOf(keys, endpoint, origin, start, decided);
}

function followedPastCutoff(all: readonly PlacedFact[], cutoff: string, origin: PlacedFact, endpoint: EndpointDefinition): boolean {
  const later = all.filter((f) => earliestDay(f.occurredOn) > cutoff);
  return [...endpoint.events, ...endpoint.censors].some((s) => selectFacts(later, s.select, origin).length > 0);
}

function cutoffCandidate(cutoff: string, endpoint: EndpointDefinition): Candidate {
  const { cnsr, cnsdtdsc } = endpoint.cutoffCensor ?? { cnsr: CENSOR_REASON.dataCutoff, cnsdtdsc: 'DATA CUTOFF' };
  const source = { name: 'data_cutoff', cnsr, evntdesc: cnsdtdsc, cnsdtdsc, srcdom: 'CUTOFF', srcvar: 'DCUTDT' };
  return { source, order: endpoint.censors.length, fact: null, date: cutoff, flag: null, capped: false };
}

function rowOf(
  keys: Pick<AdtteRow, 'STUDYID' | 'USUBJID' | 'PARAMCD'>,
  endpoint: EndpointDefinition,
  origin: PlacedFact,
  start: ReturnType<typeof analysisDate>,
  decided: Candidate,
): AdtteRow {
  const clamped = decided.date < start.date;
  const ADT = clamped ? start.date : decided.date;
  const AVAL = daysBetween(start.date, ADT) + (endpoint.addOneDay === true ? 1 : 0);
  const { source, fact } = decided;
  return {
    STUDYID: keys.STUDYID,
    USUBJID: keys.USUBJID,
    PARAMCD: keys.PARAMCD,
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

import type { AdtteRow, TimeToEvent } from '../endpoints/adtte-row.js';
import type { CensorSource, DateImputation, EndpointDefinition, EventSource, FactSelector } from '../endpoints/endpoint-definition.js';
import { daysBetween, imputeDate, isFullDate, isPartialDate } from '../endpoints/partial-dates.js';
import { DEFAULT_IMPUTATION } from '../endpoints/prepared-endpoint.js';
import { matches, type PlacedFact } from '../endpoints/select-facts.js';
import { CENSOR_REASON, firstInfusionOrigin } from '../endpoints/source-catalogue.js';
import type { SurvivalSubject } from '../endpoints/survival-fact.js';

/**
 * derive_param_tte's rules written the plain way, as the engine first had them: filter, impute,
 * sort, pick, with nothing cached or shared between sources, endpoints or subjects. The engine's
 * single-pass derivation must give exactly these results (derive-time-to-event.property.spec.ts).
 */

const earliestDay = (date: string): string => imputeDate(date, 'first').date;

function compareFacts(a: PlacedFact, b: PlacedFact): number {
  const ea = earliestDay(a.occurredOn);
  const eb = earliestDay(b.occurredOn);
  if (ea !== eb) return ea < eb ? -1 : 1;
  return b.occurredOn.length - a.occurredOn.length || a.revision - b.revision;
}

function selectFacts(facts: readonly PlacedFact[], select: FactSelector, origin: PlacedFact | undefined): PlacedFact[] {
  const afterOrigin = (select.window ?? 'after-origin') === 'after-origin';
  return facts.filter((f) => matches(select, f) && (!afterOrigin || origin === undefined || compareFacts(f, origin) > 0));
}

interface Candidate {
  readonly source: { name: string; cnsr: number; evntdesc: string; cnsdtdsc: string | null; srcdom: string; srcvar: string };
  readonly order: number;
  readonly fact: PlacedFact | null;
  readonly date: string;
  readonly flag: 'D' | 'M' | null;
  readonly capped: boolean;
}

function analysisDate(partial: string, rule: DateImputation, cutoff: string | undefined): Pick<Candidate, 'date' | 'flag' | 'capped'> {
  const { date, flag } = imputeDate(partial, rule);
  return cutoff !== undefined && date > cutoff ? { date: cutoff, flag: null, capped: true } : { date, flag, capped: false };
}

const isCensor = (s: EventSource | CensorSource): s is CensorSource => 'cnsdtdsc' in s;

interface Seen {
  readonly facts: readonly PlacedFact[];
  readonly origin: PlacedFact;
  readonly rule: DateImputation;
  readonly cutoff: string | undefined;
  readonly until?: string | undefined;
}

function candidateOf(source: EventSource | CensorSource, order: number, seen: Seen): Candidate | undefined {
  const dated = selectFacts(seen.facts, source.select, seen.origin)
    .map((fact) => ({ fact, ...analysisDate(fact.occurredOn, seen.rule, seen.cutoff) }))
    .filter((c) => seen.until === undefined || c.date <= seen.until);
  const ordered = dated.map((c, i) => ({ c, i })).sort((a, b) => (a.c.date < b.c.date ? -1 : a.c.date > b.c.date ? 1 : a.i - b.i));
  const which = source.select.which ?? (isCensor(source) ? 'last' : 'first');
  const chosen = which === 'first' ? ordered[0] : ordered[ordered.length - 1];
  const describes = isCensor(source)
    ? { name: source.name, cnsr: source.cnsr, evntdesc: source.evntdesc ?? source.cnsdtdsc, cnsdtdsc: source.cnsdtdsc, srcdom: source.srcdom, srcvar: source.srcvar }
    : { name: source.name, cnsr: 0, evntdesc: source.evntdesc, cnsdtdsc: null, srcdom: source.srcdom, srcvar: source.srcvar };
  return chosen && { ...chosen.c, source: describes, order };
}

const present = (c: Candidate | undefined): c is Candidate => c !== undefined;
const earliest = (cs: readonly Candidate[]): Candidate | undefined => [...cs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order))[0];
const latest = (cs: readonly Candidate[]): Candidate | undefined => [...cs].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.order - a.order))[0];

export function referenceTimeToEvent(subject: SurvivalSubject, endpoint: EndpointDefinition, options: { readonly cutoff?: string } = {}): TimeToEvent {
  const keys = { STUDYID: subject.studyId, USUBJID: subject.usubjid, PARAMCD: endpoint.paramcd };
  const rules = { ...DEFAULT_IMPUTATION, ...endpoint.imputation };
  const { cutoff } = options;
  if (cutoff !== undefined && !isFullDate(cutoff)) throw new RangeError(`the data cutoff must be a date YYYY-MM-DD; got "${cutoff}"`);
  const all = subject.facts.filter((f): f is PlacedFact => f.retracted !== true && isPartialDate(f.occurredOn)).sort(compareFacts);
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
  const until = earliest(endpoint.censors.flatMap((s, i) => (s.endsFollowUp ? [candidateOf(s, i, asCensor)] : [])).filter(present))?.date;
  const events = endpoint.events.map((s, i) => candidateOf(s, i, { facts, origin, rule: rules.event, cutoff, until }));
  const censors = endpoint.censors.map((s, i) => candidateOf(s, i, { ...asCensor, until }));
  if (cutoff !== undefined && until === undefined) {
    const later = all.filter((f) => earliestDay(f.occurredOn) > cutoff);
    if ([...endpoint.events, ...endpoint.censors].some((s) => selectFacts(later, s.select, origin).length > 0)) {
      const { cnsr, cnsdtdsc } = endpoint.cutoffCensor ?? { cnsr: CENSOR_REASON.dataCutoff, cnsdtdsc: 'DATA CUTOFF' };
      const source = { name: 'data_cutoff', cnsr, evntdesc: cnsdtdsc, cnsdtdsc, srcdom: 'CUTOFF', srcvar: 'DCUTDT' };
      censors.push({ source, order: endpoint.censors.length, fact: null, date: cutoff, flag: null, capped: false });
    }
  }
  const decided = earliest(events.filter(present)) ?? latest(censors.filter(present));
  if (decided === undefined) return { ...keys, excluded: 'no event and no censoring after the origin' };
  const clamped = decided.date < start.date;
  const ADT = clamped ? start.date : decided.date;
  const AVAL = daysBetween(start.date, ADT) + (endpoint.addOneDay === true ? 1 : 0);
  const { source, fact } = decided;
  const row: AdtteRow = {
    ...keys,
    PARAM: endpoint.param,
    STARTDT: start.date,
    STARTDTF: start.flag,
    ADT,
    ADTF: clamped ? start.flag : decided.flag,
    AVAL,
    AVALU: 'DAYS',
    months: AVAL / (endpoint.daysPerMonth ?? 30.4375),
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
  return row;
}

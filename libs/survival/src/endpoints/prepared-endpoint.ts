import type { CensorSource, EndpointDefinition, EventSource, FactSelector, ImputationRules, OriginSource } from './endpoint-definition.js';
import { firstInfusionOrigin } from './source-catalogue.js';

export const DEFAULT_IMPUTATION: ImputationRules = { origin: 'first', event: 'first', censor: 'first' };

/** What a candidate row would say about its source; the data cutoff is a source of its own. */
export interface CandidateSource {
  readonly name: string;
  readonly cnsr: number;
  readonly evntdesc: string;
  readonly cnsdtdsc: string | null;
  readonly srcdom: string;
  readonly srcvar: string;
}

/** An event or censoring source with its defaults resolved: what the engine reads for every subject. */
export interface PreparedSource {
  readonly select: FactSelector;
  /** The qualifying fact it contributes: 'first' for events, 'last' for censorings, unless the selector says. */
  readonly which: 'first' | 'last';
  readonly afterOrigin: boolean;
  readonly endsFollowUp: boolean;
  readonly describes: CandidateSource;
  /** Its place in the definition, for ties. */
  readonly order: number;
}

/** An endpoint with its defaults resolved once, rather than once per subject. */
export interface PreparedEndpoint {
  readonly definition: EndpointDefinition;
  readonly origin: OriginSource;
  readonly rules: ImputationRules;
  readonly events: readonly PreparedSource[];
  readonly censors: readonly PreparedSource[];
}

const isCensor = (s: EventSource | CensorSource): s is CensorSource => 'cnsdtdsc' in s;

const describe = (s: EventSource | CensorSource): CandidateSource =>
  isCensor(s)
    ? { name: s.name, cnsr: s.cnsr, evntdesc: s.evntdesc ?? s.cnsdtdsc, cnsdtdsc: s.cnsdtdsc, srcdom: s.srcdom, srcvar: s.srcvar }
    : { name: s.name, cnsr: 0, evntdesc: s.evntdesc, cnsdtdsc: null, srcdom: s.srcdom, srcvar: s.srcvar };

const prepareSource = (s: EventSource | CensorSource, order: number): PreparedSource => ({
  select: s.select,
  which: s.select.which ?? (isCensor(s) ? 'last' : 'first'),
  afterOrigin: (s.select.window ?? 'after-origin') === 'after-origin',
  endsFollowUp: isCensor(s) && s.endsFollowUp === true,
  describes: describe(s),
  order,
});

export const prepareEndpoint = (definition: EndpointDefinition): PreparedEndpoint => ({
  definition,
  origin: definition.origin ?? firstInfusionOrigin,
  rules: { ...DEFAULT_IMPUTATION, ...definition.imputation },
  events: definition.events.map(prepareSource),
  censors: definition.censors.map(prepareSource),
});

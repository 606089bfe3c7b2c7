import type { CensorSource, EventSource, FactSelector, OriginSource } from './endpoint-definition.js';

/**
 * Builders in admiral's style: say what is particular to a source, the rest defaults. SRCDOM is
 * the fact type (the record has no SDTM domains), SRCVAR the fact's clinical date.
 */
const srcdomOf = (select: FactSelector): string => (typeof select.type === 'string' ? select.type : select.type.join('|'));

type Described<S extends { srcdom: string; srcvar: string }> = Omit<S, 'srcdom' | 'srcvar'> & Partial<Pick<S, 'srcdom' | 'srcvar'>>;

export const eventSource = (source: Omit<Described<EventSource>, 'cnsr'>): EventSource => ({
  srcdom: srcdomOf(source.select),
  srcvar: 'occurredOn',
  ...source,
  cnsr: 0,
});

/** A censoring; CNSR 1 unless given (admiral's default). */
export const censorSource = (source: Omit<Described<CensorSource>, 'cnsr'> & { cnsr?: number }): CensorSource => ({
  srcdom: srcdomOf(source.select),
  srcvar: 'occurredOn',
  cnsr: 1,
  ...source,
});

export const originSource = (source: OriginSource): OriginSource => ({ srcvar: 'occurredOn', ...source });

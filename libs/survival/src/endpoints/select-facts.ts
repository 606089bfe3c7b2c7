import type { FactSelector, FieldFilter } from './endpoint-definition.js';
import { compareClinicalDates, isPartialDate } from './partial-dates.js';
import type { SurvivalFact } from './survival-fact.js';

/** A fact the engine can place in time: it stands, and its clinical date is a valid partial date. */
export type PlacedFact = SurvivalFact & { readonly occurredOn: string };

/**
 * The facts that can be placed in time, of the given types when given (most of a course is labs),
 * in clinical order. Leaving out other types changes no relative order: the sort is stable.
 */
export function placedFacts(facts: readonly SurvivalFact[], types?: ReadonlySet<string>): PlacedFact[] {
  const placed: PlacedFact[] = [];
  for (const f of facts) {
    if (f.retracted !== true && (types === undefined || types.has(f.type)) && isPartialDate(f.occurredOn)) placed.push(f as PlacedFact);
  }
  return placed.sort(compareFacts);
}

/** Clinical order of facts: by clinical date, ties by stream order (as the timeline orders them). */
export const compareFacts = (a: PlacedFact, b: PlacedFact): number => compareClinicalDates(a.occurredOn, b.occurredOn) || a.revision - b.revision;

/** Every value at a dotted path, descending into arrays: 'sites.site' gives each site's `site`. */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v: unknown) => valuesAt(v, path));
  const [head, ...rest] = path;
  if (head === undefined) return value === undefined || value === null ? [] : [value];
  if (typeof value !== 'object' || value === null) return [];
  return valuesAt((value as Record<string, unknown>)[head], rest);
}

function holds(filter: FieldFilter, data: Readonly<Record<string, unknown>>): boolean {
  const values = valuesAt(data, filter.path.split('.'));
  if ('exists' in filter) return values.length > 0 === filter.exists;
  if ('equals' in filter) return filter.equals === null ? values.length === 0 : values.includes(filter.equals);
  const allowed: readonly unknown[] = filter.in;
  return values.some((v) => allowed.includes(v)) || (allowed.includes(null) && values.length === 0);
}

/** Whether a fact is of the selector's type(s) and meets all its filters. */
export function matches(select: Omit<FactSelector, 'window'>, fact: SurvivalFact): boolean {
  const { type, where } = select;
  if (typeof type === 'string' ? fact.type !== type : !type.includes(fact.type)) return false;
  return where === undefined || where.every((f) => holds(f, fact.data));
}

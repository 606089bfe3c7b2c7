import type { FactSelector, FieldFilter } from './endpoint-definition.js';
import { compareClinicalDates, isPartialDate } from './partial-dates.js';
import type { SurvivalFact } from './survival-fact.js';

/** A fact the engine can place in time: it stands, and its clinical date is a valid partial date. */
export type PlacedFact = SurvivalFact & { readonly occurredOn: string };

/** The facts that can be placed in time, in clinical order (what selectFacts expects). */
export const placedFacts = (facts: readonly SurvivalFact[]): PlacedFact[] =>
  facts.filter((f): f is PlacedFact => f.retracted !== true && isPartialDate(f.occurredOn)).sort(compareFacts);

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
  const types: readonly string[] = typeof select.type === 'string' ? [select.type] : select.type;
  return types.includes(fact.type) && (select.where ?? []).every((f) => holds(f, fact.data));
}

/** The facts a selector stands for, seen from an origin fact; `facts` come in clinical order (placedFacts), and so do the results. */
export function selectFacts(facts: readonly PlacedFact[], select: FactSelector, origin: PlacedFact | undefined): PlacedFact[] {
  const afterOrigin = (select.window ?? 'after-origin') === 'after-origin';
  return facts
    .filter((f) => matches(select, f) && (!afterOrigin || origin === undefined || compareFacts(f, origin) > 0));
}

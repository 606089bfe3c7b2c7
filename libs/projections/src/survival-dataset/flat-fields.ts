import type { CovariateValue } from './covariates.js';

/** Flattened fields in column order, names and values side by side (a name may repeat: the last value wins, as in an object). */
export interface FlatFieldList {
  readonly columns: string[];
  readonly values: CovariateValue[];
}

// Column names repeat from patient to patient: each is joined once, and the same string is reused.
const joined = new Map<string, Map<string, string>>();
let joinedCount = 0;

function columnOf(prefix: string, key: string): string {
  let byKey = joined.get(prefix);
  if (byKey === undefined) {
    byKey = new Map();
    joined.set(prefix, byKey);
  }
  let column = byKey.get(key);
  if (column === undefined) {
    column = `${prefix}.${key}`;
    if (++joinedCount > 100_000) {
      joined.clear();
      joinedCount = 0;
    }
    byKey.set(key, column);
  }
  return column;
}

/** Every scalar under `value`, named by its dotted path from `prefix`: 'firstInfusion.dose.value', 'enrolment.sites.0'. */
export function flatFieldsOf(prefix: string, value: unknown, out: FlatFieldList): void {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    out.columns.push(prefix);
    out.values.push(value);
  } else if (Array.isArray(value)) value.forEach((v: unknown, i) => flatFieldsOf(columnOf(prefix, String(i)), v, out));
  else if (typeof value === 'object') {
    const fields = value as Readonly<Record<string, unknown>>;
    // A patient's sealed direct identifiers are no analysis variable: they stay out of every dataset.
    for (const key of Object.keys(fields)) if (key !== 'identifiers') flatFieldsOf(columnOf(prefix, key), fields[key], out);
  }
}

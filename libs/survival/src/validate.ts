import { SurvivalError } from './errors.js';

/**
 * The validating entry point: whatever the caller hands in (subject objects or parallel columns)
 * becomes one SurvivalSample of typed arrays, or a SurvivalError naming the field and the index.
 * Everything past this file trusts its input, as R's survfit.fit trusts what survfit hands it.
 *
 * Rules: time is a finite number >= 0 (R allows negative times; an interval from an origin cannot
 * be negative, so here it is an error); event is 0 (censored) or 1 (event); group, when given, is a
 * non-empty string, given for every subject or for none.
 */
export interface Subject {
  readonly time: number;
  readonly event: 0 | 1;
  readonly group?: string;
}

export interface SurvivalColumns {
  readonly time: ArrayLike<number>;
  readonly event: ArrayLike<number>;
  readonly group?: ArrayLike<string>;
}

export type SurvivalInput = readonly Subject[] | SurvivalColumns;

export interface SurvivalSample {
  readonly kind: 'survival-sample';
  readonly time: Float64Array;
  readonly event: Uint8Array;
  /** Per subject, the index of its group in `groups` (0 for every subject when ungrouped). */
  readonly group: Uint32Array;
  /** Group names in code-unit order, or in the order of `levels` when given; [] when ungrouped. */
  readonly groups: readonly string[];
}

export interface SampleOptions {
  /** The expected groups, in the order results should list them; a level with no subject is an error. */
  readonly levels?: readonly string[];
}

const isColumns = (input: unknown): input is SurvivalColumns =>
  typeof input === 'object' && input !== null && 'time' in input && 'event' in input;

export function toSample(input: SurvivalInput, options: SampleOptions = {}): SurvivalSample {
  if (Array.isArray(input)) return fromSubjects(input as readonly Subject[], options);
  if (isColumns(input)) return fromColumns(input, options);
  throw SurvivalError.invalid('INVALID_INPUT', 'data', 'expected an array of { time, event, group? } or columns { time: [], event: [], group?: [] }');
}

function fromSubjects(subjects: readonly Subject[], options: SampleOptions): SurvivalSample {
  const n = subjects.length;
  if (n === 0) throw SurvivalError.invalid('EMPTY_SAMPLE', 'data', 'no subjects');
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  const names: (string | undefined)[] = new Array<string | undefined>(n);
  for (let i = 0; i < n; i++) {
    const s: unknown = subjects[i];
    if (typeof s !== 'object' || s === null) throw SurvivalError.invalid('INVALID_INPUT', `data[${i}]`, 'expected an object { time, event, group? }', i);
    const { time: t, event: e, group: g } = s as { time?: unknown; event?: unknown; group?: unknown };
    time[i] = checkTime(t, `data[${i}].time`, i);
    event[i] = checkEvent(e, `data[${i}].event`, i);
    names[i] = checkGroup(g, `data[${i}].group`, i);
  }
  return { kind: 'survival-sample', time, event, ...codeGroups(names, n, 'data[#].group', options) };
}

function fromColumns(columns: SurvivalColumns, options: SampleOptions): SurvivalSample {
  const n = columns.time.length;
  if (columns.event.length !== n) throw SurvivalError.invalid('LENGTH_MISMATCH', 'event', `has ${columns.event.length} values, time has ${n}`);
  if (columns.group !== undefined && columns.group.length !== n) throw SurvivalError.invalid('LENGTH_MISMATCH', 'group', `has ${columns.group.length} values, time has ${n}`);
  if (n === 0) throw SurvivalError.invalid('EMPTY_SAMPLE', 'time', 'no subjects');
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = checkTime(columns.time[i], `time[${i}]`, i);
    event[i] = checkEvent(columns.event[i], `event[${i}]`, i);
  }
  if (columns.group === undefined) return { kind: 'survival-sample', time, event, ...codeGroups(undefined, n, '', options) };
  const names = new Array<string | undefined>(n);
  for (let i = 0; i < n; i++) names[i] = checkGroup(columns.group[i], `group[${i}]`, i) ?? missing(`group[${i}]`, i);
  return { kind: 'survival-sample', time, event, ...codeGroups(names, n, 'group[#]', options) };
}

function checkTime(t: unknown, field: string, i: number): number {
  if (typeof t !== 'number' || !Number.isFinite(t)) throw SurvivalError.invalid('INVALID_TIME', field, `must be a finite number; got ${String(t)}`, i);
  if (t < 0) throw SurvivalError.invalid('INVALID_TIME', field, `must be >= 0; got ${t}`, i);
  return t + 0; // -0 becomes 0, so that it ties with 0 everywhere
}

function checkEvent(e: unknown, field: string, i: number): number {
  if (e !== 0 && e !== 1) throw SurvivalError.invalid('INVALID_EVENT', field, `must be 0 (censored) or 1 (event); got ${String(e)}`, i);
  return e;
}

function checkGroup(g: unknown, field: string, i: number): string | undefined {
  if (g === undefined) return undefined;
  if (typeof g !== 'string' || g.length === 0) throw SurvivalError.invalid('INVALID_GROUP', field, `must be a non-empty string; got ${String(g)}`, i);
  return g;
}

function missing(field: string, i: number): never {
  throw SurvivalError.invalid('MISSING_GROUP', field, 'a group is given for some subjects but not this one', i);
}

function codeGroups(
  names: readonly (string | undefined)[] | undefined,
  n: number,
  field: string,
  options: SampleOptions,
): { group: Uint32Array; groups: readonly string[] } {
  if (names === undefined || names.every((g) => g === undefined)) {
    if (options.levels !== undefined) throw SurvivalError.invalid('MISSING_GROUP', 'levels', 'levels were given but no subject has a group');
    return { group: new Uint32Array(n), groups: [] };
  }
  const code = new Map<string, number>();
  const levels = options.levels;
  if (levels !== undefined) {
    levels.forEach((level, i) => {
      if (typeof level !== 'string' || level.length === 0) throw SurvivalError.invalid('INVALID_OPTION', `levels[${i}]`, 'must be a non-empty string', i);
      if (code.has(level)) throw SurvivalError.invalid('INVALID_OPTION', `levels[${i}]`, `"${level}" is listed twice`, i);
      code.set(level, i);
    });
  }
  const group = new Uint32Array(n);
  const seen = new Uint8Array(levels?.length ?? n);
  for (let i = 0; i < n; i++) {
    const name = names[i];
    if (name === undefined) missing(field.replace('#', String(i)), i);
    let c = code.get(name);
    if (c === undefined) {
      if (levels !== undefined) throw SurvivalError.invalid('UNKNOWN_GROUP', field.replace('#', String(i)), `"${name}" is not one of the levels ${JSON.stringify(levels)}`, i);
      c = code.size;
      code.set(name, c);
    }
    group[i] = c;
    seen[c] = 1;
  }
  if (levels !== undefined) {
    const empty = levels.findIndex((_, i) => seen[i] === 0);
    if (empty >= 0) throw SurvivalError.invalid('EMPTY_GROUP', `levels[${empty}]`, `group "${levels[empty]}" has no subjects`, empty);
    return { group, groups: [...levels] };
  }
  // Without declared levels, groups are listed in code-unit order, whatever order they came in.
  const byName = [...code.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const remap = new Uint32Array(byName.length);
  byName.forEach((name, i) => (remap[code.get(name)!] = i));
  for (let i = 0; i < n; i++) group[i] = remap[group[i]!]!;
  return { group, groups: byName };
}

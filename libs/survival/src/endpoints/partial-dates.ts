import type { DateImputationFlag } from './adtte-row.js';
import type { DateImputation } from './endpoint-definition.js';

/**
 * Partial clinical dates (YYYY, YYYY-MM, YYYY-MM-DD) for the engine. The domain has its own
 * helpers; these few are repeated so that this library depends on nothing.
 */
const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

interface Parts {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

/** Dates repeat across a cohort; parsing each once keeps a 100,000-patient derivation quick. */
const parsed = new Map<string, Parts | null>();

function partsOf(date: string): Parts | undefined {
  let parts = parsed.get(date);
  if (parts === undefined) {
    const m = PATTERN.exec(date);
    parts = m ? { year: Number(m[1]), ...(m[2] !== undefined && { month: Number(m[2]) }), ...(m[3] !== undefined && { day: Number(m[3]) }) } : null;
    if (parsed.size > 100_000) parsed.clear();
    parsed.set(date, parts);
  }
  return parts ?? undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export const isPartialDate = (value: unknown): value is string => typeof value === 'string' && partsOf(value) !== undefined;

/** A full calendar date, YYYY-MM-DD, that exists (no 2021-02-30). */
export function isFullDate(value: string): boolean {
  const p = partsOf(value);
  return p?.month !== undefined && p.day !== undefined && p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= daysInMonth(p.year, p.month);
}

/** The day a partial date is taken to be under a rule, and the ADaM flag for what was imputed. */
export function imputeDate(date: string, rule: DateImputation): { date: string; flag: DateImputationFlag | null } {
  const p = partsOf(date);
  if (!p) throw new Error(`not a partial date: "${date}"`);
  if (p.month === undefined) {
    const monthDay = rule === 'first' ? '01-01' : rule === 'middle' ? '06-30' : '12-31';
    return { date: `${p.year}-${monthDay}`, flag: 'M' };
  }
  if (p.day === undefined) {
    const day = rule === 'first' ? 1 : rule === 'middle' ? 15 : daysInMonth(p.year, p.month);
    return { date: `${p.year}-${pad(p.month)}-${pad(day)}`, flag: 'D' };
  }
  return { date, flag: null };
}

export interface ImputedDate {
  readonly date: string;
  readonly flag: DateImputationFlag | null;
}

const firstDays = new Map<string, ImputedDate>();
const middleDays = new Map<string, ImputedDate>();
const lastDays = new Map<string, ImputedDate>();

/** imputeDate memoised per rule, the result shared rather than copied: a cohort repeats its dates. */
export function imputed(date: string, rule: DateImputation): ImputedDate {
  const memo = rule === 'first' ? firstDays : rule === 'middle' ? middleDays : rule === 'last' ? lastDays : undefined;
  // A rule left undefined by a definition ({ event: undefined }) is imputed as imputeDate always did.
  if (memo === undefined) return imputeDate(date, rule);
  let day = memo.get(date);
  if (day === undefined) {
    day = imputeDate(date, rule);
    if (memo.size > 100_000) memo.clear();
    memo.set(date, day);
  }
  return day;
}

/** The first day a partial date can stand for. */
export const earliestDay = (date: string): string => imputed(date, 'first').date;

/**
 * Clinical order of two partial dates, as the record orders facts: by the earliest day each can
 * stand for, a coarser date after a finer one starting the same day.
 */
export function compareClinicalDates(a: string, b: string): number {
  const ea = earliestDay(a);
  const eb = earliestDay(b);
  if (ea !== eb) return ea < eb ? -1 : 1;
  return b.length - a.length;
}

const epochDays = new Map<string, number>();

/** Days since 1970-01-01 of a full date; memoised, since Date.parse dominates a large derivation. */
function epochDay(date: string): number {
  let day = epochDays.get(date);
  if (day === undefined) {
    day = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    if (epochDays.size > 100_000) epochDays.clear();
    epochDays.set(date, day);
  }
  return day;
}

/** Whole days from `from` to `to` (both full dates). */
export const daysBetween = (from: string, to: string): number => epochDay(to) - epochDay(from);

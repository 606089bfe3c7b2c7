import { z } from 'zod';

/**
 * A clinical date that keeps the precision the source gave: `2021`, `2021-04` or `2021-04-15`.
 * Papers often say only "April 2021"; inventing a day would be a fact nobody recorded.
 */
export type PartialDate = string & { readonly __brand?: 'PartialDate' };
export type DatePrecision = 'year' | 'month' | 'day';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Calendar arithmetic rather than a Date: dates are checked and ranged for every fact recorded. */
function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

/** The number the digits from..to-1 spell, or -1 if one of them is not a digit. */
function digitsAt(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date from 1900 on; read by character, since every fact's dates are checked. */
export function isValidPartialDate(value: string): boolean {
  const length = value.length;
  if (length !== 4 && length !== 7 && length !== 10) return false;
  const year = digitsAt(value, 0, 4);
  if (year < 1900) return false;
  if (length === 4) return true;
  const month = value.charCodeAt(4) === 45 ? digitsAt(value, 5, 7) : -1;
  if (month < 1 || month > 12) return false;
  if (length === 7) return true;
  const day = value.charCodeAt(7) === 45 ? digitsAt(value, 8, 10) : -1;
  return day >= 1 && day <= daysInMonth(year, month);
}

export const PartialDateSchema = z
  .string()
  .refine(isValidPartialDate, { message: 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date from 1900 on)' })
  .describe('Clinical date with the precision the source gave: YYYY, YYYY-MM or YYYY-MM-DD')
  .meta({ examples: ['2021-04', '2020-07-21'] }) as z.ZodType<PartialDate, string>;

export function precisionOf(date: PartialDate): DatePrecision {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

/** dateRange's earliest day without the calendar work of its latest: records are sorted by it all the time. */
export function earliestDayOf(date: PartialDate): string {
  const dash = date.indexOf('-');
  if (dash < 0) return `${date}-01-01`;
  return date.indexOf('-', dash + 1) < 0 ? `${date}-01` : date;
}

/** The last calendar day the partial date can stand for, as ISO `YYYY-MM-DD`. */
export function latestDayOf(date: PartialDate): string {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) return `${date}-${daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)))}`; // 28-31: two digits
  return date;
}

/** First and last calendar day the partial date can stand for, as ISO `YYYY-MM-DD`. */
export function dateRange(date: PartialDate): { earliest: string; latest: string } {
  return { earliest: earliestDayOf(date), latest: latestDayOf(date) };
}

/**
 * Clinical order: by earliest possible day, and a coarser date after a finer one that starts the
 * same day ("2021-04" sorts after "2021-04-01": it may be any day of that month).
 */
export function compareClinicalDates(a: PartialDate, b: PartialDate): number {
  const ea = earliestDayOf(a);
  const eb = earliestDayOf(b);
  if (ea !== eb) return ea < eb ? -1 : 1;
  return b.length - a.length;
}

/** True when `a` certainly happened before `b` (every day `a` may stand for precedes every day of `b`). */
export function certainlyBefore(a: PartialDate, b: PartialDate): boolean {
  return latestDayOf(a) < earliestDayOf(b);
}

/** True when `a` certainly happened after `b`. */
export function certainlyAfter(a: PartialDate, b: PartialDate): boolean {
  return certainlyBefore(b, a);
}

/** Adds whole days to a full date; used to turn a source's "Day +7" into an absolute date. */
export function addDays(isoDate: string, days: number): string {
  return isoDateOf(epochDay(isoDate) + days);
}

/** Whole days from `from` to `to` (both full dates). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;

/**
 * Days since 1970-01-01 of a full date `YYYY-MM-DD`, read digit by digit: every view computes day
 * offsets for every fact, and parsing date strings was a visible share of a rebuild.
 */
export function epochDay(iso: string): number {
  const year = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
  return Date.UTC(year, digit(iso, 5) * 10 + digit(iso, 6) - 1, digit(iso, 8) * 10 + digit(iso, 9)) / 86_400_000;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The date `YYYY-MM-DD` of a day since 1970-01-01 (years 1000-9999), by the civil calendar's arithmetic (H. Hinnant's days_from_civil inverted). */
function isoDateOf(epoch: number): string {
  const z = epoch + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

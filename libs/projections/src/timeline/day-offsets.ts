import { dateRange, daysBetween, epochDay, precisionOf, type PartialDate } from '@app/domain';
import type { DayOffset } from './timeline.js';

/** "Day -4", "Day 0", "Day +7": the way CAR-T papers count. */
export const dayLabel = (days: number): string => (days === 0 ? 'Day 0' : days > 0 ? `Day +${days}` : `Day ${days}`);

/** A date ready to count days from or to: its day number when it is a full date. */
export interface CountableDate {
  readonly date: PartialDate | null | undefined;
  /** Days since 1970-01-01; undefined unless the date is a full date. */
  readonly day: number | undefined;
}

export const countable = (date: PartialDate | null | undefined): CountableDate => ({
  date,
  day: date !== null && date !== undefined && precisionOf(date) === 'day' ? epochDay(date) : undefined,
});

/**
 * Days from an anchor to a fact. Only two full dates give a day count; anything coarser would be a
 * number nobody recorded, so the offset is null and says which side was partial. Dates read once
 * and counted many times (a timeline counts every fact from each infusion) come in as countable.
 */
export function offsetBetween(anchor: CountableDate, on: CountableDate): DayOffset {
  if (anchor.date === null || anchor.date === undefined) return { days: null, label: null, why: 'no anchor' };
  if (on.day === undefined) return { days: null, label: null, why: 'partial date' };
  if (anchor.day === undefined) return { days: null, label: null, why: 'partial anchor date' };
  const days = on.day - anchor.day;
  return { days, label: dayLabel(days) };
}

export const dayOffset = (anchor: PartialDate | null | undefined, on: PartialDate | null | undefined): DayOffset => offsetBetween(countable(anchor), countable(on));

/** The least and most days that can lie between two dates, whatever their precision. */
export interface DaySpan {
  readonly min: number;
  readonly max: number;
}

/** For partial dates, the bounds a plot can draw; for two full dates, min = max = the offset. */
export function daySpan(anchor: PartialDate, on: PartialDate): DaySpan {
  const from = dateRange(anchor);
  const to = dateRange(on);
  return { min: daysBetween(from.latest, to.earliest), max: daysBetween(from.earliest, to.latest) };
}

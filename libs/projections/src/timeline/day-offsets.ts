import { dateRange, daysBetween, precisionOf, type PartialDate } from '@app/domain';
import type { DayOffset } from './timeline.js';

/** "Day -4", "Day 0", "Day +7": the way CAR-T papers count. */
export const dayLabel = (days: number): string => (days === 0 ? 'Day 0' : days > 0 ? `Day +${days}` : `Day ${days}`);

/**
 * Days from an anchor to a fact. Only two full dates give a day count; anything coarser would be a
 * number nobody recorded, so the offset is null and says which side was partial.
 */
export function dayOffset(anchor: PartialDate | null | undefined, on: PartialDate | null | undefined): DayOffset {
  if (anchor === null || anchor === undefined) return { days: null, label: null, why: 'no anchor' };
  if (on === null || on === undefined || precisionOf(on) !== 'day') return { days: null, label: null, why: 'partial date' };
  if (precisionOf(anchor) !== 'day') return { days: null, label: null, why: 'partial anchor date' };
  const days = daysBetween(anchor, on);
  return { days, label: dayLabel(days) };
}

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

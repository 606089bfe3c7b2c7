import type { CourseRecord } from '../course-record.js';
import type { SwimmerOptions, SwimmerRow } from './swimmer.js';
import { swimmerRow } from './swimmer-row.js';

/**
 * Follow-up length for ordering bars. With partial dates the exact length is unknown; the middle
 * of its possible span keeps such a bar near where it belongs.
 */
const lengthOf = (row: SwimmerRow): number => row.followUp.days ?? (row.followUp.span ? (row.followUp.span.min + row.followUp.span.max) / 2 : 0);

/** Bars stacked as a swimmer plot draws them: longest follow-up first, then by patient id. */
export const stackedForSwimmerPlot = (rows: Iterable<SwimmerRow>): SwimmerRow[] =>
  [...rows].sort((a, b) => lengthOf(b) - lengthOf(a) || a.patientId.localeCompare(b.patientId));

const isRecord = (item: CourseRecord | SwimmerRow): item is CourseRecord => 'facts' in item;

/**
 * The cohort's bars, from patients' records, or from rows already projected one patient at a time
 * (stored views); never-infused patients have none.
 */
export function swimmerDataset(items: Iterable<CourseRecord | SwimmerRow>, options: SwimmerOptions = {}): SwimmerRow[] {
  const rows: SwimmerRow[] = [];
  for (const item of items) {
    const row = isRecord(item) ? swimmerRow(item, options) : item;
    if (row) rows.push(row);
  }
  return stackedForSwimmerPlot(rows);
}

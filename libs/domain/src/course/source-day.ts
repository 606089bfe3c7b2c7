import { DomainError } from '../errors.js';
import { addDays, compareClinicalDates, precisionOf, type PartialDate } from '../values/partial-date.js';
import { standingFacts, type CourseFact, type CourseState } from './state.js';

const ANCHOR_TYPE = { 'car-t-infusion': 'CarTInfused', hsct: 'HsctPerformed', diagnosis: 'DiagnosisRecorded' } as const;

/**
 * A source that says "Day +7" gives an offset, not a date. The record keeps the offset and stores
 * the absolute date, derived from the anchor (the latest anchor fact, or the infusion numbered in
 * `sourceDay.infusionNumber`). When both are given they must agree.
 */
export function resolveSourceDay(state: CourseState, data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const record = data as Record<string, unknown>;
  const sourceDay = record['sourceDay'] as { day?: unknown; relativeTo?: unknown; infusionNumber?: unknown } | undefined;
  if (!sourceDay || typeof sourceDay.day !== 'number' || typeof sourceDay.relativeTo !== 'string') return data;
  const anchorType = ANCHOR_TYPE[sourceDay.relativeTo as keyof typeof ANCHOR_TYPE];
  if (!anchorType) return data;

  // The latest anchor with a full date (of the infusion numbered, if one is); among facts of one
  // day the last recorded. One pass: this runs for most facts a CAR-T course records.
  const { infusionNumber } = sourceDay;
  let anchor: CourseFact | undefined;
  for (const f of standingFacts(state, anchorType)) {
    if (f.occurredOn === undefined || precisionOf(f.occurredOn) !== 'day') continue;
    if (infusionNumber !== undefined && f.data['infusionNumber'] !== infusionNumber) continue;
    if (!anchor || compareClinicalDates(f.occurredOn, anchor.occurredOn as PartialDate) >= 0) anchor = f;
  }
  const given = record['occurredOn'];
  // The record keeps the offset, not which infusion it was counted from (the date says that).
  const keptSourceDay = () => {
    const { infusionNumber: _counted, ...kept } = sourceDay;
    return kept;
  };
  if (!anchor) {
    if (given !== undefined) return 'infusionNumber' in sourceDay ? { ...record, sourceDay: keptSourceDay() } : data;
    throw DomainError.illegal(
      'SOURCE_DAY_WITHOUT_ANCHOR',
      `Day ${sourceDay.day} is counted from ${sourceDay.relativeTo}, but no ${anchorType} with a full date is recorded for this patient; give occurredOn or record the anchor first`,
      'data.sourceDay',
    );
  }
  const derived = addDays(anchor.occurredOn as string, sourceDay.day);
  if (given !== undefined && given !== derived) {
    throw DomainError.illegal(
      'SOURCE_DAY_MISMATCH',
      `occurredOn ${String(given)} does not agree with Day ${sourceDay.day} from ${sourceDay.relativeTo} on ${anchor.occurredOn} (that is ${derived})`,
      'data.occurredOn',
    );
  }
  if (given === derived && !('infusionNumber' in sourceDay)) return data;
  return { ...record, occurredOn: derived, sourceDay: keptSourceDay() };
}

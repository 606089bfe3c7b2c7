import { compareClinicalDates } from '@app/domain';
import { standing, type CourseRecord, type RecordedFact } from '../course-record.js';

/**
 * Clinical order of two facts: by the earliest day each date can stand for, a coarser date after a
 * finer one starting the same day, and otherwise the order they were recorded in. An undated fact
 * (none should exist: every clinical fact and the enrolment carry a date) goes last.
 */
export function compareFacts(a: RecordedFact, b: RecordedFact): number {
  if (a.occurredOn !== undefined && b.occurredOn !== undefined) {
    const byDate = compareClinicalDates(a.occurredOn, b.occurredOn);
    if (byDate !== 0) return byDate;
  } else if (a.occurredOn !== b.occurredOn) {
    return a.occurredOn === undefined ? 1 : -1;
  }
  return a.revision - b.revision;
}

/** The facts that still stand, in clinical order; retracted ones are left to the audit trail. */
export const inClinicalOrder = (record: CourseRecord): RecordedFact[] => standing(record).sort(compareFacts);

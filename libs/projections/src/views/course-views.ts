import type { RecordedPatientEvent } from '@app/domain';
import { recordOf, type CourseRecord } from '../course-record.js';
import { deriveLinesOfTherapy, type LinesOfTherapy } from '../lines-of-therapy/index.js';
import { swimmerRow, type SwimmerRow } from '../swimmer/index.js';
import { buildTimeline, type Timeline } from '../timeline/index.js';
import { eventsAsOf, withCutoff, type PointInTime } from './time-travel.js';

/** Everything read about one patient, derived from the record in one go. */
export interface CourseViews {
  readonly timeline: Timeline;
  readonly linesOfTherapy: LinesOfTherapy;
  readonly swimmer: SwimmerRow | null;
}

/** The projection's name and version: a new version is rebuilt into fresh tables. */
export const COURSE_VIEWS_PROJECTION = 'course-views-v1';

export function deriveCourseViews(record: CourseRecord): CourseViews {
  return { timeline: buildTimeline(record), linesOfTherapy: deriveLinesOfTherapy(record), swimmer: swimmerRow(record) ?? null };
}

/** The views as they stood at a point in time, from the patient's stream. */
export function courseViewsAt(patientId: string, events: readonly RecordedPatientEvent[], at: PointInTime): CourseViews {
  return deriveCourseViews(withCutoff(recordOf(patientId, eventsAsOf(events, at.asOf)), at.cutoff));
}

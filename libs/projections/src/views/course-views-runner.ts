import type { EventStore, SqlClient } from '@app/event-store';
import { fromStored, patientIdOf } from '@app/recording';
import type { Projector } from '../runner/apply-batch.js';
import type { ProjectionSharing } from '../runner/projection-config.js';
import { ProjectionRunner, type RunnerOptions } from '../runner/projection-runner.js';
import { COURSE_VIEWS_PROJECTION, deriveCourseViews, type CourseViews } from './course-views.js';

/** How the course views are made from stored events: shared by the live runner and rebuilds. */
export const courseViewsProjector: Projector<CourseViews> = { read: fromStored, patientOf: patientIdOf, derive: deriveCourseViews };

/**
 * The runner of the course views, as the API (in-process, in a thread of its own) and the
 * projector worker both run it. On a database with one session (PGlite, in this thread or served
 * from its own) a batch's transaction holds every other statement behind it: there the views are
 * derived before it and written together in a short one.
 */
export function createCourseViewsRunner(
  store: EventStore,
  sql: SqlClient,
  onError: (error: unknown) => void,
  sharing?: ProjectionSharing,
  { onBatch }: { onBatch?: RunnerOptions<CourseViews>['onBatch'] } = {},
): ProjectionRunner<CourseViews> {
  return new ProjectionRunner<CourseViews>({
    ...courseViewsProjector,
    ...sharing,
    name: COURSE_VIEWS_PROJECTION,
    store,
    sql,
    onError,
    ...(onBatch && { onBatch }),
    deriveAhead: sql.connections === 1,
  });
}

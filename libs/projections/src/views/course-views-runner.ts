import type { EventStore, SqlClient } from '@app/event-store';
import { fromStored, patientIdOf } from '@app/recording';
import { FACTS_PER_SLICE_BESIDE_REQUESTS, type Projector } from '../runner/apply-batch.js';
import type { ProjectionSharing } from '../runner/projection-config.js';
import { ProjectionRunner, type RunnerOptions } from '../runner/projection-runner.js';
import { COURSE_VIEWS_PROJECTION, deriveCourseViews, type CourseViews } from './course-views.js';

/** How the course views are made from stored events: shared by the live runner and rebuilds. */
export const courseViewsProjector: Projector<CourseViews> = { read: fromStored, patientOf: patientIdOf, derive: deriveCourseViews };

/**
 * The runner of the course views, as the API (in-process) and the projector worker both run it;
 * `besideRequests` when it shares the event loop with an HTTP server: it then projects in slices,
 * so that requests are served between them. On a database with one session (PGlite, in this
 * thread or served from its own) a batch's transaction holds every append behind it: there the
 * views are derived before it and written together in a short one.
 */
export function createCourseViewsRunner(
  store: EventStore,
  sql: SqlClient,
  onError: (error: unknown) => void,
  sharing?: ProjectionSharing,
  { besideRequests = false, onBatch }: { besideRequests?: boolean; onBatch?: RunnerOptions<CourseViews>['onBatch'] } = {},
): ProjectionRunner<CourseViews> {
  return new ProjectionRunner<CourseViews>({
    ...courseViewsProjector,
    ...sharing,
    name: COURSE_VIEWS_PROJECTION,
    store,
    sql,
    onError,
    ...(onBatch && { onBatch }),
    ...(besideRequests && { factsPerSlice: FACTS_PER_SLICE_BESIDE_REQUESTS }),
    deriveAhead: sql.connections === 1,
  });
}

import { PostgresEventStore, type HostedModule } from '@app/event-store';
import { createCourseViewsRunner, type ProjectionSharing } from '@app/projections';

/** What the API's thread passes to the runner it hosts beside the embedded database. */
export interface CourseViewsInThread {
  readonly sharing: ProjectionSharing;
  readonly pollIntervalMs: number;
}

/** What the hosted runner reports: a batch failed (and will be retried), or it applied one again after failing. */
export type CourseViewsReport = { readonly failed: string } | { readonly recovered: true } | { readonly running: boolean };

/**
 * The course views' runner in a thread of its own beside the embedded databases' (see
 * DatabaseThread): the views it derives no longer hold the thread that serves requests, nor the
 * databases'. It reads the events from the database given `besides.events` (its own when none is)
 * and writes the views to its own. Appends made by the API's thread reach it as NOTIFY.
 */
export const inOwnThread: HostedModule['inOwnThread'] = async (sql, data, report, besides) => {
  const { sharing, pollIntervalMs } = data as CourseViewsInThread;
  const store = await PostgresEventStore.open(besides['events'] ?? sql, { pollIntervalMs });
  let failing = false;
  const runner = createCourseViewsRunner(
    store,
    sql,
    (e) => {
      failing = true;
      report({ failed: e instanceof Error ? e.message : String(e) } satisfies CourseViewsReport);
    },
    sharing,
    {
      onBatch: () => {
        if (!failing) return;
        failing = false;
        report({ recovered: true } satisfies CourseViewsReport);
      },
    },
  );
  await runner.start();
  report({ running: true } satisfies CourseViewsReport);
  return async () => {
    await runner.stop();
    report({ running: false } satisfies CourseViewsReport);
  };
};

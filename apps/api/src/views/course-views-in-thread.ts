import { openStorage, PostgresEventStore, type EventStore, type EventStoreConfig, type HostedModule, type SqlClient } from '@app/event-store';
import { createCourseViewsRunner, type ProjectionSharing } from '@app/projections';

/** What the API's thread passes to the runner it hosts beside the embedded database. */
export interface CourseViewsInThread {
  readonly sharing: ProjectionSharing;
  readonly pollIntervalMs: number;
  /** The store to open when no embedded database hosts the runner (PostgreSQL, KurrentDB). */
  readonly storeConfig?: EventStoreConfig;
}

/** What the hosted runner reports: a batch failed (and will be retried), or it applied one again after failing. */
export type CourseViewsReport = { readonly failed: string } | { readonly recovered: true } | { readonly running: boolean };

/**
 * The course views' runner in a thread of its own: the views it derives no longer hold the thread
 * that serves requests (nor, on the embedded store, the databases' threads, see DatabaseThread).
 * Hosted by the embedded views' database, it reads the events from the database given
 * `besides.events` (its own when none is) and writes the views to its own; appends made by the
 * API's thread reach it as NOTIFY. Elsewhere it opens the store and its databases itself.
 */
export const inOwnThread: HostedModule['inOwnThread'] = async (sql, data, report, besides) => {
  const { sharing } = data as CourseViewsInThread;
  const { store, views, close } = await databasesOf(sql, besides, data as CourseViewsInThread);
  let failing = false;
  const runner = createCourseViewsRunner(
    store,
    views,
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
    await close();
    report({ running: false } satisfies CourseViewsReport);
  };
};

/** The store the runner follows and the database it writes the views to, and how to close what it opened. */
async function databasesOf(
  sql: SqlClient | undefined,
  besides: Readonly<Record<string, SqlClient>>,
  { pollIntervalMs, storeConfig }: CourseViewsInThread,
): Promise<{ store: EventStore; views: SqlClient; close: () => Promise<void> }> {
  if (sql) return { store: await PostgresEventStore.open(besides['events'] ?? sql, { pollIntervalMs }), views: sql, close: async () => undefined };
  if (!storeConfig) throw new Error('the views runner was started with neither a database nor a store to open');
  return openStorage(storeConfig);
}

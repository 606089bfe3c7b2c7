import { openStorage, storeConfigOf, type StoreEnv } from '@app/event-store';
import { COURSE_VIEWS_PROJECTION, courseViewsPassInWorkers, courseViewsProjector, rebuildProjection } from '@app/projections';
import { availableParallelism } from 'node:os';
import { progressBar } from './progress.js';

/**
 * Rebuilds the course views into fresh tables while the current ones keep serving, then switches
 * over; interrupted (Ctrl-C), running it again resumes where it stopped. Its course-by-course pass
 * runs in `workers` threads (default: one per core, at most 4; the embedded store allows only one).
 * A resumed rebuild keeps the number its pass began with.
 */
export async function runRebuild(projection: string, env: StoreEnv, options: { workers?: number } = {}): Promise<void> {
  if (projection !== COURSE_VIEWS_PROJECTION) throw new Error(`Unknown projection "${projection}"; known: ${COURSE_VIEWS_PROJECTION}`);
  const config = storeConfigOf(env);
  if (config.kind === 'embedded' && (options.workers ?? 1) > 1) throw new Error('--workers above 1 needs PostgreSQL or KurrentDB: the embedded store can be open in one thread only');
  const workers = options.workers ?? (config.kind === 'embedded' ? 1 : Math.min(4, availableParallelism()));
  const storage = await openStorage(config);
  const { store, views } = storage;
  const head = await store.headPosition();
  const bar = progressBar(head, 'events');
  const started = Date.now();
  try {
    const outcome = await rebuildProjection({
      ...courseViewsProjector,
      name: projection,
      store,
      sql: views,
      passPartitions: workers,
      ...(workers > 1 && { runCoursePass: courseViewsPassInWorkers(config) }),
      onProgress: (p) => bar.update(p.applied, { recorded: p.appliedNow, rejected: 0 }, p.total),
    });
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `${projection}: ${outcome.resumed ? 'resumed and ' : ''}rebuilt ${outcome.applied} events into generation ${outcome.generation} in ${seconds.toFixed(1)} s (${Math.round(outcome.applied / Math.max(seconds, 0.001))} events/s); now serving it\n`,
    );
  } finally {
    bar.stop();
    await storage.close();
  }
}

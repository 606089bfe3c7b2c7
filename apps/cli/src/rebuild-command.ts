import { openStorage, storeConfigOf, type StoreEnv } from '@app/event-store';
import { COURSE_VIEWS_PROJECTION, courseViewsProjector, rebuildProjection } from '@app/projections';
import { progressBar } from './progress.js';

/**
 * Rebuilds the course views into fresh tables while the current ones keep serving, then switches
 * over; interrupted (Ctrl-C), running it again resumes where it stopped.
 */
export async function runRebuild(projection: string, env: StoreEnv): Promise<void> {
  if (projection !== COURSE_VIEWS_PROJECTION) throw new Error(`Unknown projection "${projection}"; known: ${COURSE_VIEWS_PROJECTION}`);
  const { store, sql } = await openStorage(storeConfigOf(env));
  const head = await store.headPosition();
  const bar = progressBar(head, 'events');
  const started = Date.now();
  try {
    const outcome = await rebuildProjection({
      ...courseViewsProjector,
      name: projection,
      store,
      sql,
      onProgress: (p) => bar.update(p.applied, { recorded: p.applied, rejected: 0 }, p.total),
    });
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `${projection}: ${outcome.resumed ? 'resumed and ' : ''}rebuilt ${outcome.applied} events into generation ${outcome.generation} in ${seconds.toFixed(1)} s (${Math.round(outcome.applied / Math.max(seconds, 0.001))} events/s); now serving it\n`,
    );
  } finally {
    bar.stop();
    await store.close();
  }
}

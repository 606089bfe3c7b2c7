import type { EventStoreConfig } from '@app/event-store';
import { Worker } from 'node:worker_threads';
import type { CoursePassPart } from '../store/course-pass.js';
import type { ViewTables } from '../store/generations.js';
import type { CoursePassRunner } from '../runner/rebuild.js';
import type { CoursePartOutcome } from '../runner/replay-courses.js';

export interface CoursePassWorkerData {
  readonly storeConfig: EventStoreConfig;
  readonly tables: ViewTables;
  readonly part: CoursePassPart;
  readonly pageSize: number;
}

/**
 * The worker's young generation: 96 MiB is 32 MiB semi-spaces, twice V8's default. Folding courses
 * and deriving their views makes much short-lived garbage; with the default, scavenges took a
 * sixth of the pass and promoted what was about to die (1M events: 54 -> 44 s in one thread, about
 * 30 MiB more memory). `npm run cli` and the projector start with the same semi-spaces.
 */
const YOUNG_GENERATION_MIB = 96;

export type CoursePassWorkerMessage = { readonly applied: number } | { readonly done: CoursePartOutcome };

/**
 * Runs each partition of the course views' rebuild pass in a worker thread of its own, with its
 * own connections to the store: folding courses and deriving their views is the rebuild's CPU
 * work, and one thread cannot keep PostgreSQL busy. Not for the embedded store, which only one
 * connection may open. If one partition fails, the others are stopped (their open transactions
 * roll back) and the rebuild fails with its error; running it again resumes every partition.
 */
export function courseViewsPassInWorkers(storeConfig: EventStoreConfig): CoursePassRunner {
  if (storeConfig.kind === 'embedded') throw new Error('the embedded store is open in this process only: rebuild its course pass in this thread');
  return async (tables: ViewTables, parts: readonly CoursePassPart[], pageSize: number, onApplied: (part: CoursePassPart, applied: number) => void) => {
    const workers = parts.map((part) => ({ part, worker: new Worker(new URL('./course-pass-worker.js', import.meta.url), { workerData: { storeConfig, tables, part, pageSize } satisfies CoursePassWorkerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MIB } }) }));
    const runs = workers.map(
      ({ part, worker }) =>
        new Promise<CoursePartOutcome>((done, fail) => {
          let outcome: CoursePartOutcome | undefined;
          worker.on('message', (m: CoursePassWorkerMessage) => ('applied' in m ? onApplied(part, m.applied) : (outcome = m.done)));
          worker.once('error', fail);
          // It exits once it has closed its connections: only then is the partition finished.
          worker.once('exit', (code) =>
            outcome ? done(outcome) : fail(new Error(`the rebuild's worker for partition ${part.partition.index + 1} of ${part.partition.count} stopped (exit code ${code}) before it finished`)),
          );
        }),
    );
    try {
      return await Promise.all(runs);
    } catch (e) {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
      throw e;
    }
  };
}

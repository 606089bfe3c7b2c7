import type { EventStore, SqlClient } from '@app/event-store';
import type { ViewDocuments } from '../store/course-view-store.js';
import { createGeneration, dropGeneration, generationsOf, indexGeneration, keyGeneration, tablesOf, type ViewTables } from '../store/generations.js';
import { migrateViews } from '../store/view-migrations.js';
import { readCoursePass, readCoursePassParts, writeCoursePass, type CoursePass, type CoursePassPart } from '../store/course-pass.js';
import { writeCheckpoint } from '../store/course-view-store.js';
import { replayCourses, type CoursePartOutcome } from './replay-courses.js';
import { replayInto } from './replay-into.js';
import type { RunnerOptions } from './projection-runner.js';

export interface RebuildProgress {
  /** Events replayed into the new generation, counting those before an interruption. */
  readonly applied: number;
  /** Events replayed by this run (a resumed rebuild's speed is this run's). */
  readonly appliedNow: number;
  /** How far the log reaches, as far as known (on PostgreSQL, its number of events). */
  readonly total: number;
}

/**
 * Runs the course pass's unfinished partitions, each reporting the events it has replayed so far.
 * The default runs them one after another in this thread; `apps/cli` runs them in worker threads.
 */
export type CoursePassRunner = (
  tables: ViewTables,
  parts: readonly CoursePassPart[],
  pageSize: number,
  onApplied: (part: CoursePassPart, applied: number) => void,
) => Promise<CoursePartOutcome[]>;

export interface RebuildOptions<V extends ViewDocuments> extends RunnerOptions<V> {
  /** Events per page of the log-order replay; about as many per chunk of courses (default 2,000). */
  readonly pageSize?: number;
  readonly onProgress?: (p: RebuildProgress) => void;
  /** Partitions of the course pass, fixed when the pass begins (default 1). */
  readonly passPartitions?: number;
  readonly runCoursePass?: CoursePassRunner;
}

export interface RebuildOutcome {
  readonly generation: number;
  readonly applied: number;
  /** True when an interrupted rebuild was taken up where it stopped. */
  readonly resumed: boolean;
}

/**
 * Replays the whole log into the projection's next generation of tables while the active one
 * keeps serving queries, then makes the new generation active in one transaction (holding the
 * generation row, so no live batch is half on either side). It replays course by course up to the
 * log's head when it began, then in log order what was appended since. Interrupted, it resumes
 * where its committed progress says. The generation before the one it replaced is dropped; the
 * replaced one stays, to fall back on.
 */
export async function rebuildProjection<V extends ViewDocuments>(options: RebuildOptions<V>): Promise<RebuildOutcome> {
  const { sql, store, name, pageSize = 2000 } = options;
  await migrateViews(sql);
  const { target, resumed, previous } = await sql.transaction(async (tx) => {
    const g = await generationsOf(tx, name, 'update');
    if (g.building) return { target: g.building, resumed: true, previous: g.active };
    const next = tablesOf(name, g.active.generation + 1);
    await tx.query('update projection_generations set building = $2 where projection = $1', [name, next.generation]);
    return { target: next, resumed: false, previous: g.active };
  });
  if (!resumed) await dropGeneration(sql, target);
  await createGeneration(sql, target);

  const pass = await coursePassOf(sql, store, target.checkpoint, Math.max(1, options.passPartitions ?? 1));
  const parts = await readCoursePassParts(sql, pass);
  const progress = new Map(parts.map((p) => [p.partition.index, p.applied]));
  const passApplied = () => [...progress.values()].reduce((a, b) => a + b, 0);
  const earlier = passApplied();
  const report = (applied: number, position: number) => options.onProgress?.({ applied, appliedNow: applied - earlier, total: Math.max(pass.head, position) });
  let applied = 0;
  if (!pass.done) {
    const run = options.runCoursePass ?? inThisThread(options);
    const outcomes = await run(
      target,
      parts.filter((p) => !p.done),
      pageSize,
      (part, n) => {
        progress.set(part.partition.index, n);
        report(passApplied(), 0);
      },
    );
    applied += outcomes.reduce((sum, o) => sum + o.applied, 0);
    const newest = outcomes.reduce<Date | undefined>((latest, o) => (o.newest && (!latest || o.newest > latest) ? o.newest : latest), undefined);
    await sql.transaction(async (tx) => {
      await writeCheckpoint(tx, target.checkpoint, { position: pass.head, ...(newest && { lastRecordedAt: newest }) });
      await writeCoursePass(tx, { ...pass, done: true });
    });
  }
  await keyGeneration(sql, target);
  const before = passApplied();
  applied += await replayInto(sql, store, target, options, { pageSize, onPage: (position, n) => report(before + n, position) });
  await indexGeneration(sql, target);
  // What arrives after this point is applied to the new generation by the live runner: on seeing the
  // switch it resubscribes from the new generation's checkpoint, so nothing falls between the two.
  await sql.transaction(async (tx) => {
    await generationsOf(tx, name, 'update');
    await tx.query('update projection_generations set active = $2, building = null where projection = $1', [name, target.generation]);
  });
  if (previous.generation > 1) await dropGeneration(sql, tablesOf(name, previous.generation - 1));
  return { generation: target.generation, applied, resumed };
}

/** The course pass under way in this generation, or a new one up to the log's present head. */
async function coursePassOf(sql: SqlClient, store: EventStore, key: string, partitions: number): Promise<CoursePass> {
  const existing = await readCoursePass(sql, key);
  if (existing) return existing;
  const pass: CoursePass = { key, head: await store.headPosition(), partitions, done: false };
  await writeCoursePass(sql, pass);
  return pass;
}

/** The course pass's partitions one after another, in this thread, on the rebuild's own store. */
function inThisThread<V extends ViewDocuments>(options: RebuildOptions<V>): CoursePassRunner {
  return async (tables, parts, pageSize, onApplied) => {
    const outcomes: CoursePartOutcome[] = [];
    for (const part of parts) {
      outcomes.push(await replayCourses(options.sql, options.store, tables, options, part, { pageSize, onChunk: (n) => onApplied(part, n) }));
    }
    return outcomes;
  };
}

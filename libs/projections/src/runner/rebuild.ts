import type { EventStore, SqlClient } from '@app/event-store';
import type { ViewDocuments } from '../store/course-view-store.js';
import { createGeneration, dropGeneration, generationsOf, indexGeneration, tablesOf } from '../store/generations.js';
import { migrateViews } from '../store/view-migrations.js';
import { readCoursePass, writeCoursePass, type CoursePass } from '../store/course-pass.js';
import { replayCourses } from './replay-courses.js';
import { replayInto } from './replay-into.js';
import type { RunnerOptions } from './projection-runner.js';

export interface RebuildProgress {
  /** Events replayed into the new generation, counting those before an interruption. */
  readonly applied: number;
  /** How far the log reaches, as far as known (on PostgreSQL, its number of events). */
  readonly total: number;
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
export async function rebuildProjection<V extends ViewDocuments>(options: RunnerOptions<V> & { pageSize?: number; onProgress?: (p: RebuildProgress) => void }): Promise<RebuildOutcome> {
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

  const pass = await coursePassOf(sql, store, target.checkpoint);
  const report = (applied: number, position: number) => options.onProgress?.({ applied, total: Math.max(pass.head, position) });
  let applied = 0;
  if (!pass.done) applied += await replayCourses(sql, store, target, options, pass, { pageSize, onChunk: (n) => report(n, 0) });
  const before = pass.applied + applied;
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
async function coursePassOf(sql: SqlClient, store: EventStore, key: string): Promise<CoursePass> {
  const existing = await readCoursePass(sql, key);
  if (existing) return existing;
  const pass: CoursePass = { head: await store.headPosition(), afterStream: '', applied: 0, done: false };
  await writeCoursePass(sql, key, pass);
  return pass;
}

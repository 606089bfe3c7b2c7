import type { SqlExecutor } from '@app/event-store';
import type { Checkpoint } from '../store/course-view-store.js';
import type { ViewTables } from '../store/generations.js';
import { allPartitions, partitionCheckpointKey } from './partitions.js';

/** A checkpoint row as stored: a generation has one per partition key, and may have others of another layout. */
export interface CheckpointRow {
  readonly projection: string;
  readonly position: string | number;
  readonly last_recorded_at: Date | null;
}

const checkpointOf = (row: CheckpointRow): Checkpoint => ({ position: Number(row.position), ...(row.last_recorded_at && { lastRecordedAt: row.last_recorded_at }) });

/** The parameters that select a generation's checkpoint rows under every layout's keys (`projection = $1 or projection like $2`). */
export const checkpointKeysOf = (tables: ViewTables): [string, string] => [tables.checkpoint, `${tables.checkpoint.replaceAll('%', '\\%').replaceAll('_', '\\_')}@%`];

/** A generation's checkpoint rows, under every layout's keys. */
export const readCheckpointRows = (db: SqlExecutor, tables: ViewTables): Promise<CheckpointRow[]> =>
  db.query<CheckpointRow>(`select projection, position, last_recorded_at from projection_checkpoints where projection = $1 or projection like $2`, checkpointKeysOf(tables));

/** Every partition's checkpoint in one generation (see `partitionCheckpointsOf`). */
export async function readPartitionCheckpoints(db: SqlExecutor, tables: ViewTables, count: number): Promise<Checkpoint[]> {
  return partitionCheckpointsOf(await readCheckpointRows(db, tables), tables, count);
}

/**
 * Every partition's checkpoint in one generation, from its rows. A partition without its own row
 * starts from the lowest checkpoint this generation has under the keys of another layout (the
 * rebuild's, or an earlier partition count's): events before it have been applied everywhere, and
 * applying one again is a no-op per patient (the record skips revisions it has), so nothing is
 * lost and nothing counted twice.
 */
export function partitionCheckpointsOf(rows: readonly CheckpointRow[], tables: ViewTables, count: number): Checkpoint[] {
  const byKey = new Map(rows.map((r) => [r.projection, r]));
  const ownKeys = new Set(allPartitions(count).map((p) => partitionCheckpointKey(tables, p, count)));
  // Only keys of another layout stand in (the rebuild's, an earlier count's): a partition of this
  // layout without a row has applied nothing yet, whatever its siblings have.
  const lowest = rows
    .filter((r) => !ownKeys.has(r.projection))
    .reduce<CheckpointRow | undefined>((min, r) => (min === undefined || Number(r.position) < Number(min.position) ? r : min), undefined);
  const fallback: Checkpoint = lowest ? checkpointOf(lowest) : { position: 0 };
  return allPartitions(count).map((p) => {
    const own = byKey.get(partitionCheckpointKey(tables, p, count));
    return own ? checkpointOf(own) : fallback;
  });
}

/** Moves the given partitions' checkpoints to the end of a batch they have all seen. */
export async function writePartitionCheckpoints(db: SqlExecutor, tables: ViewTables, partitions: readonly number[], count: number, checkpoint: Checkpoint): Promise<void> {
  if (partitions.length === 0) return;
  await db.query(
    `insert into projection_checkpoints (projection, position, last_recorded_at)
     select key, $2, $3 from unnest($1::text[]) as key
     on conflict (projection) do update set position = excluded.position, last_recorded_at = excluded.last_recorded_at, updated_at = clock_timestamp()`,
    [partitions.map((p) => partitionCheckpointKey(tables, p, count)), checkpoint.position, checkpoint.lastRecordedAt ?? null],
  );
}

/** The position up to which every partition has applied the log: the projection's own position. */
export const lowestCheckpoint = (checkpoints: readonly Checkpoint[]): Checkpoint =>
  checkpoints.reduce((min, c) => (c.position < min.position ? c : min), checkpoints[0] ?? { position: 0 });

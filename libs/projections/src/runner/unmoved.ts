import type { SqlExecutor, Statement } from '@app/event-store';
import type { ViewTables } from '../store/generations.js';
import { checkpointKeysOf, type CheckpointRow } from './partition-checkpoints.js';

/** The SQLSTATE of a guard that found what it expected had moved (see `tte_expect`). */
export const MOVED = 'TT412';

export const hasMoved = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === MOVED;

/** What views derived ahead of their transaction were derived from. */
export interface ReadAhead {
  readonly projection: string;
  readonly tables: ViewTables;
  /** The generation's checkpoint rows the views were derived from (see `readCheckpointRows`). */
  readonly checkpoints: readonly CheckpointRow[];
  /** The partitions whose leases must still be this owner's (none for a runner that holds every partition alone). */
  readonly leases?: { readonly owner: string; readonly partitions: readonly number[] };
}

/**
 * Guards that fail the transaction they open (TT412) unless the generation is still the active
 * one, the leases are still held, and no batch has moved the checkpoints since they were read.
 * Views and checkpoints commit together, so unmoved checkpoints mean unmoved views. The rows they
 * read stay locked until the transaction ends, as the runner's own transaction locks them.
 */
export function expectUnmoved({ projection, tables, checkpoints, leases }: ReadAhead): Statement[] {
  return [
    {
      sql: `select tte_expect((select active from projection_generations where projection = $1 for share) = $2, 'the active generation changed')`,
      params: [projection, tables.generation],
    },
    ...(leases
      ? [
          {
            sql: `select tte_expect((select count(*) from (select 1 from projection_leases
               where projection = $1 and owner = $2 and partition = any($3::int[]) and expires_at > clock_timestamp() for share) as held) = $4, 'a lease was lost')`,
            params: [projection, leases.owner, leases.partitions, leases.partitions.length],
          },
        ]
      : []),
    {
      sql: `select tte_expect(coalesce((select jsonb_object_agg(projection, position) from projection_checkpoints
         where projection = $1 or projection like $2), '{}'::jsonb) = $3::jsonb, 'the checkpoints moved')`,
      params: [...checkpointKeysOf(tables), JSON.stringify(Object.fromEntries(checkpoints.map((c) => [c.projection, Number(c.position)])))],
    },
  ];
}

/** The statements `work` runs, recorded rather than sent (it must not need their results). */
export async function recorded(work: (tx: SqlExecutor) => Promise<void>): Promise<Statement[]> {
  const statements: Statement[] = [];
  await work({
    query: async <Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> => {
      statements.push({ sql, ...(params && { params }) });
      return [];
    },
    copyFrom: async (copy, rows) => {
      statements.push({ copy, rows });
    },
  });
  return statements;
}

import type { SqlClient, SqlExecutor } from '@app/event-store';

/**
 * A projection's tables come in generations. Queries and the live runner use the active one; a
 * rebuild fills the next one from the start of the log while the active one keeps serving, then
 * makes it active in one transaction. Generation 1 keeps the plain table names.
 */
export interface ViewTables {
  readonly generation: number;
  readonly views: string;
  readonly audit: string;
  /** Its key in projection_checkpoints. */
  readonly checkpoint: string;
}

export function tablesOf(projection: string, generation: number): ViewTables {
  const suffix = generation === 1 ? '' : `_g${generation}`;
  return { generation, views: `course_views${suffix}`, audit: `audit_entries${suffix}`, checkpoint: generation === 1 ? projection : `${projection}#g${generation}` };
}

export interface Generations {
  readonly active: ViewTables;
  /** A rebuild under way (or interrupted, to be resumed). */
  readonly building?: ViewTables;
}

/**
 * The projection's generations; `lock` takes the row for the rest of the transaction: `share` for
 * a live batch, `update` for the rebuild's switch-over, so the two never interleave.
 */
export async function generationsOf(db: SqlExecutor, projection: string, lock?: 'share' | 'update'): Promise<Generations> {
  await db.query('insert into projection_generations (projection, active) values ($1, 1) on conflict do nothing', [projection]);
  const rows = await db.query<{ active: number; building: number | null }>(
    `select active, building from projection_generations where projection = $1${lock ? ` for ${lock}` : ''}`,
    [projection],
  );
  const row = rows[0] ?? { active: 1, building: null };
  return { active: tablesOf(projection, Number(row.active)), ...(row.building !== null && { building: tablesOf(projection, Number(row.building)) }) };
}

export const activeTables = async (db: SqlExecutor, projection: string): Promise<ViewTables> => (await generationsOf(db, projection)).active;

export function generationDdl(t: ViewTables): string {
  return `
create table if not exists ${t.views} (
  patient_id text primary key,
  revision bigint not null,
  position bigint not null,
  record jsonb not null,
  views jsonb,
  error jsonb
);
create index if not exists ${t.views}_failed on ${t.views} (patient_id) where error is not null;
create table if not exists ${t.audit} (
  position bigint primary key,
  patient_id text not null,
  event_id uuid not null,
  type text not null,
  action text not null,
  target_event_id uuid,
  recorded_by text not null,
  recorded_at timestamptz not null,
  reason text,
  source text,
  correlation_id text
);
create index if not exists ${t.audit}_patient on ${t.audit} (patient_id, position);
create index if not exists ${t.audit}_author on ${t.audit} (recorded_by, position);
create index if not exists ${t.audit}_type on ${t.audit} (type, position);
create index if not exists ${t.audit}_time on ${t.audit} (recorded_at, position);
`;
}

export async function createGeneration(sql: SqlClient, t: ViewTables): Promise<void> {
  await sql.execInTransaction(`select pg_advisory_xact_lock(7346001);\n${generationDdl(t)}`);
}

export async function dropGeneration(sql: SqlClient, t: ViewTables): Promise<void> {
  const key = t.checkpoint.replaceAll("'", "''");
  await sql.execInTransaction(`drop table if exists ${t.views}; drop table if exists ${t.audit}; delete from projection_checkpoints where projection = '${key}' or projection like '${key}@%';`);
}

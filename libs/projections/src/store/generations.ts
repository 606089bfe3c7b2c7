import type { SqlClient, SqlExecutor } from '@app/event-store';

/**
 * A projection's tables come in generations. Queries and the live runner use the active one; a
 * rebuild fills the next one from the start of the log while the active one keeps serving, then
 * makes it active in one transaction. Generation 1 keeps the plain table names.
 */
export interface ViewTables {
  readonly generation: number;
  /** Per patient: the last event the views applied, the site, and why the views stopped if they did. */
  readonly views: string;
  /** Per patient and view: the view's JSON document, packed (see `PackedView`), as the API sends it. */
  readonly documents: string;
  readonly audit: string;
  /** Its key in projection_checkpoints. */
  readonly checkpoint: string;
}

export function tablesOf(projection: string, generation: number): ViewTables {
  const suffix = generation === 1 ? '' : `_g${generation}`;
  return { generation, views: `course_views${suffix}`, documents: `course_view_documents${suffix}`, audit: `audit_entries${suffix}`, checkpoint: generation === 1 ? projection : `${projection}#g${generation}` };
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
  const select = () =>
    db.query<{ active: number; building: number | null }>(`select active, building from projection_generations where projection = $1${lock ? ` for ${lock}` : ''}`, [projection]);
  let rows = await select();
  if (rows.length === 0) {
    // First use: the row is created once (reads are by far the common case, so they do not write).
    await db.query('insert into projection_generations (projection, active) values ($1, 1) on conflict do nothing', [projection]);
    rows = await select();
  }
  const row = rows[0] ?? { active: 1, building: null };
  return { active: tablesOf(projection, Number(row.active)), ...(row.building !== null && { building: tablesOf(projection, Number(row.building)) }) };
}

export const activeTables = async (db: SqlExecutor, projection: string): Promise<ViewTables> => (await generationsOf(db, projection)).active;

/**
 * The tables, with only the keys a rebuild's course pass writes through; `generationKeyDdl` adds the
 * audit trail's, `generationIndexDdl` the ones queries need.
 */
export function generationTableDdl(t: ViewTables): string {
  return `
create table if not exists ${t.views} (
  patient_id text primary key,
  revision bigint not null,
  position bigint not null,
  site_id text,
  error jsonb,
  sealed_identifiers boolean
);
create table if not exists ${t.documents} (
  view text not null,
  patient_id text not null,
  packed bytea not null,
  primary key (view, patient_id)
);
-- Packed already: PostgreSQL's own compression would only spend time finding nothing to gain.
-- (Altered only once: ALTER TABLE locks the table, and this runs at every start.)
do $$ begin
  if exists (select 1 from pg_attribute where attrelid = '${t.documents}'::regclass and attname = 'packed' and attstorage <> 'e') then
    alter table ${t.documents} alter column packed set storage external;
  end if;
end $$;
create table if not exists ${t.audit} (
  position bigint not null,
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
`;
}

/**
 * The audit trail's key, which the log-order replay and the live runner skip rows already there by.
 * The course pass writes only new rows (COPY), faster into a table without it: the key is then
 * built once from them. (Tables made before have it as their primary key, under the same name.)
 */
export function generationKeyDdl(t: ViewTables): string {
  return `create unique index if not exists ${t.audit}_pkey on ${t.audit} (position);\n`;
}

/** The indexes queries use; a rebuild builds them once at the end rather than row by row. */
export function generationIndexDdl(t: ViewTables): string {
  return `
create index if not exists ${t.views}_failed on ${t.views} (patient_id) where error is not null;
create index if not exists ${t.views}_site on ${t.views} (site_id);
create index if not exists ${t.audit}_patient on ${t.audit} (patient_id, position);
create index if not exists ${t.audit}_author on ${t.audit} (recorded_by, position);
create index if not exists ${t.audit}_type on ${t.audit} (type, position);
create index if not exists ${t.audit}_time on ${t.audit} (recorded_at, position);
`;
}

/** A rebuild's tables, without the query indexes (see `indexGeneration`). */
export async function createGeneration(sql: SqlClient, t: ViewTables): Promise<void> {
  await sql.execInTransaction(`select pg_advisory_xact_lock(7346001);\n${generationTableDdl(t)}`);
}

export async function keyGeneration(sql: SqlClient, t: ViewTables): Promise<void> {
  await sql.execInTransaction(`select pg_advisory_xact_lock(7346001);\n${generationKeyDdl(t)}`);
}

export async function indexGeneration(sql: SqlClient, t: ViewTables): Promise<void> {
  await sql.execInTransaction(`select pg_advisory_xact_lock(7346001);\n${generationIndexDdl(t)}`);
}

export async function dropGeneration(sql: SqlClient, t: ViewTables): Promise<void> {
  const key = t.checkpoint.replaceAll("'", "''");
  await sql.execInTransaction(`drop table if exists ${t.views}; drop table if exists ${t.documents}; drop table if exists ${t.audit}; delete from projection_checkpoints where projection = '${key}' or projection like '${key}@%'; delete from projection_course_passes where projection = '${key}' or projection like '${key}@%';`);
}

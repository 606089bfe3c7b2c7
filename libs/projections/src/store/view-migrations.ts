import type { SqlClient } from '@app/event-store';
import { LEASES_SCHEMA } from '../runner/leases.js';
import { COURSE_PASS_SCHEMA } from './course-pass.js';
import { generationIndexDdl, generationKeyDdl, generationTableDdl, tablesOf } from './generations.js';

/**
 * Read-model tables, next to the events (same database): a batch of view updates and the
 * projection's checkpoint commit in one transaction, so a crash neither applies an event twice
 * nor skips one.
 */
const SHARED_SCHEMA = `
select pg_advisory_xact_lock(7346001);
create table if not exists projection_checkpoints (
  projection text primary key,
  position bigint not null,
  last_recorded_at timestamptz,
  updated_at timestamptz not null default clock_timestamp()
);
create table if not exists projection_generations (
  projection text primary key,
  active int not null,
  building int
);
`;

/**
 * A guard for a transaction sent whole (see `SqlClient.inOneTransaction`): fails it, with SQLSTATE
 * TT412, when what its sender read beforehand has moved since (see `expectUnmoved`).
 */
const EXPECT_FUNCTION = `
create or replace function tte_expect(ok boolean, what text) returns void language plpgsql as $$
begin
  if ok is not true then
    raise exception using errcode = 'TT412', message = what;
  end if;
end $$;
`;

/**
 * Views are derived data: when the tables are in a layout this version no longer writes (`found`
 * says so), every generation of them is dropped with the checkpoints and the rebuild passes, and
 * the runner projects the log again from the start (or `npm run cli -- rebuild` does).
 */
const dropViewsIf = (found: string): string => `
do $$
declare t text;
begin
  if exists (select 1 from information_schema.columns where table_schema = current_schema() and ${found}) then
    for t in select tablename from pg_tables where schemaname = current_schema() and (tablename like 'course\\_view%' or tablename like 'audit\\_entries%') loop
      execute format('drop table %I', t);
    end loop;
    delete from projection_checkpoints;
    delete from projection_generations;
    delete from projection_course_passes;
  end if;
end $$;
`;

/** Views used to be stored as jsonb, all in one column of the views table. */
const DROP_JSONB_LAYOUT = dropViewsIf("table_name = 'course_views' and column_name = 'views'");

/** View documents used to be stored as JSON text, ten times the bytes of the packed form (see `PackedView`). */
const DROP_TEXT_DOCUMENTS = dropViewsIf("table_name like 'course\\_view\\_documents%' and column_name = 'json'");

/**
 * Views rows used to keep each patient's record (the course folded, as JSON). The store's events
 * are the record: the runner refolds a course from them, so the copy is dropped.
 */
const DROP_RECORD_COPY = `
do $$
declare t text;
begin
  for t in select table_name from information_schema.columns where table_schema = current_schema() and table_name like 'course\\_views%' and column_name = 'record' loop
    execute format('alter table %I drop column record', t);
  end loop;
end $$;
`;

/**
 * Views rows say whether the patient's record holds sealed identifiers (see `holdsSealedIdentifiers`).
 * Rows written before leave it null: unknown, so their timelines are searched for them as before.
 */
const ADD_SEALED_IDENTIFIERS = `
do $$
declare t text;
begin
  for t in select tablename from pg_tables where schemaname = current_schema() and tablename like 'course\\_views%' loop
    execute format('alter table %I add column if not exists sealed_identifiers boolean', t);
  end loop;
end $$;
`;

/**
 * Even when there is nothing to make, CREATE INDEX takes a share lock on its table. Live runners
 * write a patient's view rows and then the audit rows, so the views' table must be locked first
 * here too: locking the audit table first deadlocked with a projector's batch.
 */
export async function migrateViews(sql: SqlClient): Promise<void> {
  const first = tablesOf('', 1);
  await sql.execInTransaction(SHARED_SCHEMA + EXPECT_FUNCTION + COURSE_PASS_SCHEMA + LEASES_SCHEMA + DROP_JSONB_LAYOUT + DROP_TEXT_DOCUMENTS + DROP_RECORD_COPY + ADD_SEALED_IDENTIFIERS + generationTableDdl(first) + generationIndexDdl(first) + generationKeyDdl(first));
}

import type { SqlClient } from '@app/event-store';

/**
 * Read-model tables, next to the events (same database): a batch of view updates and the
 * projection's checkpoint commit in one transaction, so a crash neither applies an event twice
 * nor skips one.
 */
const VIEW_SCHEMA = `
select pg_advisory_xact_lock(7346001);
create table if not exists projection_checkpoints (
  projection text primary key,
  position bigint not null,
  last_recorded_at timestamptz,
  updated_at timestamptz not null default clock_timestamp()
);
create table if not exists course_views (
  patient_id text primary key,
  revision bigint not null,
  position bigint not null,
  record jsonb not null,
  views jsonb,
  error jsonb
);
create index if not exists course_views_failed on course_views (patient_id) where error is not null;
create table if not exists audit_entries (
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
create index if not exists audit_entries_patient on audit_entries (patient_id, position);
create index if not exists audit_entries_author on audit_entries (recorded_by, position);
create index if not exists audit_entries_type on audit_entries (type, position);
create index if not exists audit_entries_time on audit_entries (recorded_at, position);
`;

export async function migrateViews(sql: SqlClient): Promise<void> {
  await sql.execInTransaction(VIEW_SCHEMA);
}

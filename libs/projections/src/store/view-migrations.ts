import type { SqlClient } from '@app/event-store';
import { LEASES_SCHEMA } from '../runner/leases.js';
import { generationDdl, tablesOf } from './generations.js';

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

export async function migrateViews(sql: SqlClient): Promise<void> {
  await sql.execInTransaction(SHARED_SCHEMA + LEASES_SCHEMA + generationDdl(tablesOf('', 1)));
}

import type { EventStore } from './event-store.port.js';
import { NodePostgresClient } from './postgres/node-postgres-client.js';
import { PgliteClient } from './postgres/pglite-client.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import type { SqlClient } from './postgres/sql-client.js';

export type EventStoreConfig =
  | { readonly kind: 'embedded'; readonly dataDir?: string; readonly pollIntervalMs?: number }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number; readonly pollIntervalMs?: number };

/** Opens the configured store and brings its schema up to date. */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  return (await openStorage(config)).store;
}

/**
 * The event store and the SQL database it lives in. Read models are kept in the same database, so
 * a view update and its checkpoint commit together (and PGlite, one connection, is shared).
 */
export async function openStorage(config: EventStoreConfig): Promise<{ store: EventStore; sql: SqlClient }> {
  const sql = config.kind === 'embedded' ? await PgliteClient.open(config.dataDir) : new NodePostgresClient(config.url, config.poolSize);
  return { store: await PostgresEventStore.open(sql, { pollIntervalMs: config.pollIntervalMs }), sql };
}

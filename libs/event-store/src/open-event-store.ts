import { StoreUnavailableError } from './errors.js';
import type { EventStore } from './event-store.port.js';
import { DatabaseThread } from './postgres/database-thread.js';
import { NodePostgresClient } from './postgres/node-postgres-client.js';
import { PgliteClient } from './postgres/pglite-client.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import type { SqlClient } from './postgres/sql-client.js';

export type EventStoreConfig =
  /** `inThread`: PGlite in a worker thread of its own (see DatabaseThread), for a process that serves requests (the API). */
  | { readonly kind: 'embedded'; readonly dataDir?: string; readonly pollIntervalMs?: number; readonly inThread?: boolean }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number; readonly pollIntervalMs?: number }
  /** Events in KurrentDB; read models (and projection checkpoints) in PostgreSQL at `readModelsUrl`. */
  | { readonly kind: 'kurrentdb'; readonly url: string; readonly readModelsUrl: string; readonly poolSize?: number; readonly startupTimeoutMs?: number };

/** Opens the configured store and brings its schema up to date. */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  if (config.kind === 'kurrentdb') return openKurrentDb(config.url, config.startupTimeoutMs);
  return (await openStorage(config)).store;
}

/** Loaded on demand: the KurrentDB client brings a native module that no other store needs. */
async function openKurrentDb(url: string, startupTimeoutMs?: number): Promise<EventStore> {
  const { KurrentDbEventStore } = await import('./kurrentdb/kurrentdb-event-store.js');
  return KurrentDbEventStore.open(url, { startupTimeoutMs });
}

/**
 * The event store and the SQL database the read models live in. On PostgreSQL that is the store's
 * own database, so a view update and its checkpoint commit together (and PGlite, one connection, is
 * shared); with KurrentDB it is the PostgreSQL database at `readModelsUrl`. An embedded store
 * opened `inThread` comes with its thread, which can host the projection beside the database.
 */
export async function openStorage(config: EventStoreConfig): Promise<{ store: EventStore; sql: SqlClient; thread?: DatabaseThread }> {
  if (config.kind === 'kurrentdb') {
    const sql = new NodePostgresClient(config.readModelsUrl, config.poolSize);
    await naming('DATABASE_URL', sql.query('select 1').catch((e: unknown) => Promise.reject(new StoreUnavailableError(sql.address, e))));
    const store = await naming('KURRENTDB_URL', openKurrentDb(config.url, config.startupTimeoutMs)).catch(async (e: unknown) => {
      await sql.close();
      throw e;
    });
    return { store, sql };
  }
  if (config.kind === 'embedded' && config.inThread) {
    const thread = await DatabaseThread.open(config.dataDir);
    return { store: await PostgresEventStore.open(thread.sql, { pollIntervalMs: config.pollIntervalMs }), sql: thread.sql, thread };
  }
  const sql = config.kind === 'embedded' ? await PgliteClient.open(config.dataDir) : new NodePostgresClient(config.url, config.poolSize);
  const store = await (config.kind === 'postgres' ? naming('DATABASE_URL', PostgresEventStore.open(sql, { pollIntervalMs: config.pollIntervalMs })) : PostgresEventStore.open(sql, { pollIntervalMs: config.pollIntervalMs }));
  return { store, sql };
}

/** A store that cannot be reached at start-up names the setting its address came from. */
const naming = <T>(setting: string, opening: Promise<T>): Promise<T> =>
  opening.catch((e: unknown) => Promise.reject(e instanceof StoreUnavailableError ? e.from(setting) : e));

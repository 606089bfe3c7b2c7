import { StoreUnavailableError } from './errors.js';
import type { EventStore } from './event-store.port.js';
import { DatabaseThread } from './postgres/database-thread.js';
import { NodePostgresClient } from './postgres/node-postgres-client.js';
import { PgliteClient } from './postgres/pglite-client.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import type { SqlClient } from './postgres/sql-client.js';

export type EventStoreConfig =
  /**
   * `inThread`: PGlite in a worker thread of its own (see DatabaseThread), for a process that serves
   * requests (the API). `views`: the read models in a PGlite of their own (in `views.dataDir`, or in
   * memory), so that writing them never holds the appends (PGlite runs one statement at a time).
   */
  | { readonly kind: 'embedded'; readonly dataDir?: string; readonly pollIntervalMs?: number; readonly inThread?: boolean; readonly views?: { readonly dataDir?: string } }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number; readonly pollIntervalMs?: number }
  /** Events in KurrentDB; read models (and projection checkpoints) in PostgreSQL at `readModelsUrl`. */
  | { readonly kind: 'kurrentdb'; readonly url: string; readonly readModelsUrl: string; readonly poolSize?: number; readonly startupTimeoutMs?: number };

/** Opens the configured store and brings its schema up to date (see openStorage for its databases besides). */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  if (config.kind === 'kurrentdb') return openKurrentDb(config.url, config.startupTimeoutMs);
  // The store alone: the embedded views' database is not opened (closing the store would not close it).
  return (await openStorage(config.kind === 'embedded' ? { ...config, views: undefined } : config)).store;
}

/** Loaded on demand: the KurrentDB client brings a native module that no other store needs. */
async function openKurrentDb(url: string, startupTimeoutMs?: number): Promise<EventStore> {
  const { KurrentDbEventStore } = await import('./kurrentdb/kurrentdb-event-store.js');
  return KurrentDbEventStore.open(url, { startupTimeoutMs });
}

/** The event store and the SQL databases opened with it. */
export interface Storage {
  readonly store: EventStore;
  /**
   * The SQL database for what is recorded beside the events but is not one (identifier keys, the
   * access log): the store's own on PostgreSQL and PGlite; with KurrentDB, PostgreSQL at `readModelsUrl`.
   */
  readonly sql: SqlClient;
  /**
   * The SQL database the read models (views, their checkpoints and leases) live in: `sql`, but for
   * an embedded store opened with `views`, a PGlite of their own.
   */
  readonly views: SqlClient;
  /** An embedded store opened `inThread` comes with its thread, and the views' when apart. */
  readonly thread?: DatabaseThread;
  readonly viewsThread?: DatabaseThread;
  /** Closes the views' database, then the store and its own. */
  close(): Promise<void>;
}

/**
 * Opens the event store and the SQL databases that go with it (see Storage). Where the views share
 * the store's database (PostgreSQL), a view update and its checkpoint commit together all the same:
 * checkpoints live with the views, wherever those are.
 */
export async function openStorage(config: EventStoreConfig): Promise<Storage> {
  if (config.kind === 'kurrentdb') {
    const sql = new NodePostgresClient(config.readModelsUrl, config.poolSize);
    await naming('DATABASE_URL', sql.query('select 1').catch((e: unknown) => Promise.reject(new StoreUnavailableError(sql.address, e))));
    const store = await naming('KURRENTDB_URL', openKurrentDb(config.url, config.startupTimeoutMs)).catch(async (e: unknown) => {
      await sql.close();
      throw e;
    });
    return { store, sql, views: sql, close: () => store.close().finally(() => sql.close()) };
  }
  if (config.kind === 'embedded') return openEmbedded(config);
  const sql = new NodePostgresClient(config.url, config.poolSize);
  const store = await naming('DATABASE_URL', PostgresEventStore.open(sql, { pollIntervalMs: config.pollIntervalMs }));
  return { store, sql, views: sql, close: () => store.close() };
}

async function openEmbedded(config: Extract<EventStoreConfig, { kind: 'embedded' }>): Promise<Storage> {
  const { dataDir, pollIntervalMs, inThread, views: apart } = config;
  const { sql, thread } = await openPglite(dataDir, inThread);
  const store = await PostgresEventStore.open(sql, { pollIntervalMs });
  if (!apart) return { store, sql, views: sql, ...(thread && { thread }), close: () => store.close() };
  const opened = await openPglite(apart.dataDir, inThread).catch(async (e: unknown) => {
    await store.close();
    throw e;
  });
  const views = opened.sql;
  return { store, sql, views, ...(thread && { thread }), ...(opened.thread && { viewsThread: opened.thread }), close: () => views.close().finally(() => store.close()) };
}

/** A PGlite in this thread, or in one of its own. */
async function openPglite(dataDir: string | undefined, inThread = false): Promise<{ sql: SqlClient; thread?: DatabaseThread }> {
  if (!inThread) return { sql: await PgliteClient.open(dataDir) };
  const thread = await DatabaseThread.open(dataDir);
  return { sql: thread.sql, thread };
}

/** A store that cannot be reached at start-up names the setting its address came from. */
const naming = <T>(setting: string, opening: Promise<T>): Promise<T> =>
  opening.catch((e: unknown) => Promise.reject(e instanceof StoreUnavailableError ? e.from(setting) : e));

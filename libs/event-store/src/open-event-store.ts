import type { EventStore } from './event-store.port.js';
import { NodePostgresClient } from './postgres/node-postgres-client.js';
import { PgliteClient } from './postgres/pglite-client.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

export type EventStoreConfig =
  | { readonly kind: 'embedded'; readonly dataDir?: string; readonly pollIntervalMs?: number }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number; readonly pollIntervalMs?: number };

/** Opens the configured store and brings its schema up to date. */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  const sql = config.kind === 'embedded' ? await PgliteClient.open(config.dataDir) : new NodePostgresClient(config.url, config.poolSize);
  return PostgresEventStore.open(sql, { pollIntervalMs: config.pollIntervalMs });
}

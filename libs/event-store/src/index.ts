export * from './event-store.port.js';
export * from './errors.js';
export * from './open-event-store.js';
export { PostgresEventStore } from './postgres/postgres-event-store.js';
// The KurrentDB adapter is reached through openEventStore/openStorage, which load it on demand.
export type { KurrentDbEventStore, KurrentDbOptions } from './kurrentdb/kurrentdb-event-store.js';
export { runStatements, type SqlClient, type SqlExecutor, type Statement } from './postgres/sql-client.js';
export { DatabaseThread, hostModule, type HostedModule, type HostedThread } from './postgres/database-thread.js';
export { copyBinary, type CopyColumnType, type CopyValue } from './postgres/copy-binary.js';
export * from './store-config.js';

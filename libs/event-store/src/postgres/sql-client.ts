/**
 * The little of SQL the adapter needs, so one adapter serves both a PostgreSQL server
 * (node-postgres pool) and PGlite in-process: same dialect, different transport.
 */
export interface SqlClient {
  readonly address: string;
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs several statements in one transaction (migrations). */
  execInTransaction(sql: string): Promise<void>;
  /** Calls back on NOTIFY; returns an unlisten function. Omitted where the store is in-process. */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

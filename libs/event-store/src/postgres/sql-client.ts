/**
 * The little of SQL the adapter needs, so one adapter serves both a PostgreSQL server
 * (node-postgres pool) and PGlite in-process: same dialect, different transport.
 */
export interface QueryOptions {
  /**
   * A statement that runs often: a server keeps it parsed and planned on each connection under this
   * name (one name, one text). In this process (PGlite) there is no such cache and it is ignored.
   */
  readonly name?: string;
}

export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<Row[]>;
  /**
   * Runs `copy <table> (<columns>) from stdin with (format binary)` with `rows` from copyBinary:
   * PostgreSQL's bulk path, for many narrow rows that need no ON CONFLICT.
   */
  copyFrom(statement: string, rows: Uint8Array): Promise<void>;
}

/** A statement to run with others in one transaction (see `SqlClient.inOneTransaction`): a query, or a COPY's rows. */
export type Statement = { readonly sql: string; readonly params?: readonly unknown[] } | { readonly copy: string; readonly rows: Uint8Array };

/** Runs the statements in order on `tx` (a transaction's executor). */
export async function runStatements(tx: SqlExecutor, statements: readonly Statement[]): Promise<void> {
  for (const s of statements) {
    if ('copy' in s) await tx.copyFrom(s.copy, s.rows);
    else await tx.query(s.sql, s.params);
  }
}

export interface SqlClient extends SqlExecutor {
  readonly address: string;
  /** How many statements can run at once: the pool's size on a server, 1 in this process (PGlite). */
  readonly connections: number;
  /**
   * The database runs on this thread (PGlite): a statement holds it until done, so nothing else
   * (a request, another command) is served meanwhile. Absent on a server.
   */
  readonly inProcess?: boolean;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * One row per array, each value the bytes the server sent for it (its text form, UTF-8), not
   * decoded: for large documents that go out as they are (a view read by the API), where decoding
   * into a string and encoding it again cost more than the read itself. `name` as for `query`.
   */
  queryBytes(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<(Buffer | null)[][]>;
  /**
   * Rows as arrays of values in column order, each decoded by its type (text and bigint as strings,
   * int4 as numbers, json parsed, timestamps as Date), without an object per row. Omitted in this
   * process (PGlite), where decoding rows one by one costs more than one aggregated JSON text.
   * `name` as for `query`.
   */
  queryRows?(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<unknown[][]>;
  /**
   * Runs the statements in one transaction, in order, their results not returned; if one fails,
   * none is committed. Where the database is served from another thread they go as one message,
   * so the transaction is not held open while the caller's thread takes its turns.
   */
  inOneTransaction(statements: readonly Statement[]): Promise<void>;
  /** Runs several statements in one transaction (migrations). */
  execInTransaction(sql: string): Promise<void>;
  /** Calls back on NOTIFY; returns an unlisten function. Omitted where the store is in-process. */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

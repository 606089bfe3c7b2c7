import { PGlite, type Transaction } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { SqlClient, SqlExecutor } from './sql-client.js';

/** PostgreSQL compiled to WASM, in this process: the embedded default, files under a data dir. */
export class PgliteClient implements SqlClient {
  readonly connections = 1;
  readonly inProcess = true;

  private constructor(
    private readonly db: PGlite,
    readonly address: string,
  ) {}

  /** `dataDir` undefined keeps everything in memory (tests). */
  static async open(dataDir?: string): Promise<PgliteClient> {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create(dataDir ?? 'memory://');
    return new PgliteClient(db, dataDir ? `pglite:${dataDir}` : 'pglite:memory');
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.db.query<Row>(sql, params as unknown[]);
    return result.rows;
  }

  /**
   * PGlite hands over values as strings (it decodes them inside the engine): they are kept as
   * they came, every type's parser (its own and the array types it registered) replaced for the
   * query, and encoded back.
   */
  async queryBytes(sql: string, params: readonly unknown[] = []): Promise<(Buffer | null)[][]> {
    const asReceived = Object.fromEntries(Object.keys(this.db.parsers).map((oid) => [oid, (text: string) => text]));
    const result = await this.db.query<unknown[]>(sql, params as unknown[], { rowMode: 'array', parsers: asReceived });
    return result.rows.map((row) => row.map((value) => (value === null ? null : Buffer.from(String(value), 'utf8'))));
  }

  /** PGlite reads COPY's input from a blob, named '/dev/blob' in place of stdin. */
  copyFrom(statement: string, rows: Uint8Array): Promise<void> {
    return copyOn(this.db, statement, rows);
  }

  async execInTransaction(sql: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.exec(sql);
    });
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      work({
        query: async <Row>(sql: string, params: readonly unknown[] = []) => (await tx.query<Row>(sql, params as unknown[])).rows,
        copyFrom: (statement, rows) => copyOn(tx, statement, rows),
      }),
    );
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}

/** COPY ... FROM STDIN on the database or within one of its transactions: the rows go as a blob. */
async function copyOn(db: Pick<PGlite, 'query'> | Pick<Transaction, 'query'>, statement: string, rows: Uint8Array): Promise<void> {
  if (!/\bfrom stdin\b/i.test(statement)) throw new Error(`not a COPY ... FROM STDIN statement: ${statement}`);
  await db.query(statement.replace(/\bfrom stdin\b/i, "from '/dev/blob'"), [], { blob: new Blob([rows]) });
}

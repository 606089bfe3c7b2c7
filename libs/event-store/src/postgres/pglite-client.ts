import { PGlite, type Transaction } from '@electric-sql/pglite';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { runStatements, type Statement, type SqlClient, type SqlExecutor } from './sql-client.js';

/** PostgreSQL compiled to WASM, in this process: the embedded default, files under a data dir. */
export class PgliteClient implements SqlClient {
  readonly connections = 1;
  readonly inProcess = true;

  private constructor(
    private readonly db: PGlite,
    readonly address: string,
  ) {}

  /** Every type's parser (PGlite's own and the array types it registered) as the identity: see `queryBytes`. */
  private asReceived?: Record<string, (text: string) => string>;

  /**
   * `dataDir` undefined keeps everything in memory (tests). With `notifications`, NOTIFY reaches
   * `listen`: for a database served to other threads (see `serveSql`), whose appends this thread's
   * subscribers would not otherwise hear of. Without, `listen` is absent: every append is this
   * thread's own, and its store wakes its subscribers itself.
   */
  static async open(dataDir?: string, { notifications = false }: { notifications?: boolean } = {}): Promise<PgliteClient> {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    if (dataDir && !existsSync(join(dataDir, 'PG_VERSION'))) await createDataDir(dataDir);
    const db = await PGlite.create(dataDir ?? 'memory://', BYTEA_AS_BYTES);
    const client = new PgliteClient(db, dataDir ? `pglite:${dataDir}` : 'pglite:memory');
    if (notifications) client.listen = (channel, onNotify) => db.listen(channel, onNotify);
    return client;
  }

  listen?: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;

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
    this.asReceived ??= Object.fromEntries(Object.keys(this.db.parsers).map((oid) => [oid, (text: string) => text]));
    const result = await this.db.query<unknown[]>(sql, params as unknown[], { rowMode: 'array', parsers: this.asReceived });
    return result.rows.map((row) => row.map((value) => (value === null ? null : Buffer.from(String(value), 'utf8'))));
  }

  /** PGlite reads COPY's input from a blob, named '/dev/blob' in place of stdin. */
  copyFrom(statement: string, rows: Uint8Array): Promise<void> {
    return copyOn(this.db, statement, rows);
  }

  inOneTransaction(statements: readonly Statement[]): Promise<void> {
    return this.transaction((tx) => runStatements(tx, statements));
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

/** PostgreSQL's type oid for bytea. */
const BYTEA = 17;

/**
 * Byte arrays go as binary parameters, the bytes themselves, and come back as bytea's hex text,
 * decoded by Node. PGlite's own codec walks them a byte at a time in JavaScript (130-155 µs
 * against 2-3 µs for a 2 KB view document); sent as hex text they were twice their size, encoded
 * here and decoded again by the engine: a live batch's 59 documents (84 KB) took 3.3-4.1 ms to
 * write that way, 1.4-2.0 ms as bytes, on the thread every append waits for.
 */
const BYTEA_AS_BYTES = {
  // PGlite's types say a serializer returns text; its protocol writer sends a byte array it
  // returns as a binary parameter (bytea-params.spec writes any bytes and reads them back).
  serializers: {
    [BYTEA]: (bytes: unknown) => {
      if (!(bytes instanceof Uint8Array)) throw new TypeError(`not a byte array for a bytea parameter: ${typeof bytes}`);
      return bytes;
    },
  } as unknown as Record<number, (value: unknown) => string>,
  parsers: { [BYTEA]: (text: string) => Buffer.from(text.slice(2), 'hex') },
};

/** COPY ... FROM STDIN on the database or within one of its transactions: the rows go as a blob. */
async function copyOn(db: Pick<PGlite, 'query'> | Pick<Transaction, 'query'>, statement: string, rows: Uint8Array): Promise<void> {
  if (!/\bfrom stdin\b/i.test(statement)) throw new Error(`not a COPY ... FROM STDIN statement: ${statement}`);
  await db.query(statement.replace(/\bfrom stdin\b/i, "from '/dev/blob'"), [], { blob: new Blob([rows]) });
}

/**
 * Creates a new data directory (initdb) in a thread that ends with it. WebAssembly memory never
 * shrinks, and initdb grows PGlite's to ~700 MB: created by the instance that then served it, a
 * fresh data directory kept that much for the life of the process (1.6 GB for the API's two on a
 * first start, 0.66 GB once restarted).
 */
function createDataDir(dataDir: string): Promise<void> {
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const { PGlite } = require(workerData.pglite);
     PGlite.create(workerData.dataDir).then((db) => db.close()).then(() => parentPort.postMessage('created'));`,
    { eval: true, workerData: { dataDir, pglite: createRequire(import.meta.url).resolve('@electric-sql/pglite') } },
  );
  return new Promise<void>((created, failed) => {
    worker.once('message', () => created());
    worker.once('error', (e) => failed(new Error(`could not create the data directory ${dataDir}: ${e.message}`)));
    worker.once('exit', (code) => failed(new Error(`could not create the data directory ${dataDir} (exit code ${code})`)));
  }).finally(() => worker.terminate());
}

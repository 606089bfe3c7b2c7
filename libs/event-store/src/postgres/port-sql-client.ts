import type { MessagePort } from 'node:worker_threads';
import type { SqlFailure, SqlReply, SqlRequest } from './serve-sql.js';
import type { SqlClient, SqlExecutor, Statement } from './sql-client.js';

type Request = SqlRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * A database served from another thread (see `serveSql`): the embedded PGlite in a thread of its
 * own, so that its statements no longer hold the thread that serves requests. One session, as
 * PGlite has: statements and transactions queue there in the order they are asked.
 */
export class PortSqlClient implements SqlClient {
  readonly connections = 1;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (result: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, (() => void)[]>();
  /** Why no answer will come any more (the serving thread stopped). */
  private gone?: Error;

  constructor(
    private readonly port: MessagePort,
    readonly address: string,
    private readonly onClose: () => Promise<void>,
  ) {
    port.on('message', (reply: SqlReply) => {
      if ('notify' in reply) {
        for (const listener of this.listeners.get(reply.notify) ?? []) listener();
        return;
      }
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (reply.failure) waiter.reject(errorOf(reply.failure));
      else waiter.resolve(reply.result);
    });
  }

  private ask<T>(request: Request): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.gone) return reject(this.gone);
      this.waiting.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.port.postMessage({ ...request, id });
    });
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return withBuffers(await this.ask<Row[]>({ op: 'query', sql, params }));
  }

  async queryBytes(sql: string, params: readonly unknown[] = []): Promise<(Buffer | null)[][]> {
    const rows = await this.ask<(Uint8Array | null)[][]>({ op: 'queryBytes', sql, params });
    return rows.map((row) => row.map((value) => value && asBuffer(value)));
  }

  copyFrom(sql: string, rows: Uint8Array): Promise<void> {
    return this.ask({ op: 'copyFrom', sql, rows });
  }

  inOneTransaction(statements: readonly Statement[]): Promise<void> {
    return this.ask({ op: 'script', statements });
  }

  execInTransaction(sql: string): Promise<void> {
    return this.ask({ op: 'exec', sql });
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const tx = this.nextId++;
    await this.ask({ op: 'begin', tx });
    let result: T;
    try {
      result = await work({
        query: async <Row>(sql: string, params: readonly unknown[] = []) => withBuffers(await this.ask<Row[]>({ op: 'query', sql, params, tx })),
        copyFrom: (sql, rows) => this.ask({ op: 'copyFrom', sql, rows, tx }),
      });
    } catch (e) {
      await this.ask({ op: 'rollback', tx }).catch(() => undefined); // the work's error is the one to report
      throw e;
    }
    await this.ask({ op: 'commit', tx });
    return result;
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const listeners = this.listeners.get(channel);
    if (listeners) listeners.push(onNotify);
    else {
      this.listeners.set(channel, [onNotify]);
      await this.ask({ op: 'listen', channel });
    }
    return async () => {
      this.listeners.set(channel, (this.listeners.get(channel) ?? []).filter((l) => l !== onNotify));
    };
  }

  async close(): Promise<void> {
    await this.onClose();
    this.stopped(new Error(`${this.address} was closed`));
  }

  /** The serving side is gone: what waits for an answer fails with `reason`, and so does what is asked later. */
  stopped(reason: Error): void {
    this.gone ??= reason;
    for (const waiter of this.waiting.values()) waiter.reject(reason);
    this.waiting.clear();
  }
}

/** A database error rebuilt on this side, with the fields its callers look at (code, constraint...). */
function errorOf(failure: SqlFailure): Error {
  return Object.assign(new Error(failure.message), failure.fields, { name: failure.name });
}

/** Byte arrays arrive as plain Uint8Arrays (a thread's Buffer does not cross as one). */
const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

function withBuffers<Row>(rows: Row[]): Row[] {
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    const values = row as Record<string, unknown>;
    for (const key in values) {
      const value = values[key];
      if (value instanceof Uint8Array) values[key] = asBuffer(value);
    }
  }
  return rows;
}

import type { MessagePort } from 'node:worker_threads';
import type { SqlClient, SqlExecutor, Statement } from './sql-client.js';

/** What a client asks: a statement alone or in the transaction it names, or a transaction's start and end. */
export type SqlRequest =
  | { readonly id: number; readonly op: 'query' | 'queryBytes'; readonly sql: string; readonly params: readonly unknown[]; readonly tx?: number }
  | { readonly id: number; readonly op: 'copyFrom'; readonly sql: string; readonly rows: Uint8Array; readonly tx?: number }
  | { readonly id: number; readonly op: 'exec'; readonly sql: string }
  | { readonly id: number; readonly op: 'script'; readonly statements: readonly Statement[] }
  | { readonly id: number; readonly op: 'begin' | 'commit' | 'rollback'; readonly tx: number }
  | { readonly id: number; readonly op: 'listen'; readonly channel: string };

/** A database error as it crosses: its message and its fields (code, constraint, detail...), which callers map to their own errors. */
export interface SqlFailure {
  readonly name: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, string | number>>;
}

export type SqlReply = { readonly id: number; readonly result?: unknown; readonly failure?: SqlFailure } | { readonly notify: string };

/** Thrown inside a served transaction to roll it back when its client asks. */
const ROLLED_BACK = Symbol('rolled back');

interface OpenTransaction {
  tx?: SqlExecutor;
  commit?: (commit: boolean) => void;
  done?: Promise<void>;
}

/**
 * Serves a database to a client in another thread (see PortSqlClient): each request is answered
 * on the port with its id. A transaction stays open between its client's requests, as a
 * connection's would; the database's own queueing (PGlite takes one transaction at a time) orders
 * everything else behind it.
 */
export function serveSql(sql: SqlClient, port: MessagePort): void {
  const open = new Map<number, OpenTransaction>();
  const on = (tx: number | undefined): SqlExecutor => {
    if (tx === undefined) return sql;
    const executor = open.get(tx)?.tx;
    if (!executor) throw new Error(`no open transaction ${tx}`);
    return executor;
  };
  const begin = (id: number): Promise<void> =>
    new Promise((began, failed) => {
      const entry: OpenTransaction = {};
      open.set(id, entry);
      const decided = new Promise<boolean>((resolve) => (entry.commit = resolve));
      entry.done = sql
        .transaction(async (tx) => {
          entry.tx = tx;
          began();
          if (!(await decided)) throw ROLLED_BACK;
        })
        .catch((e: unknown) => {
          if (e !== ROLLED_BACK) throw e;
        })
        .finally(() => open.delete(id));
      entry.done.catch(failed);
    });
  const end = async (id: number, commit: boolean): Promise<void> => {
    const entry = open.get(id);
    if (!entry?.commit || !entry.done) throw new Error(`no open transaction ${id}`);
    entry.commit(commit);
    await entry.done;
  };
  /**
   * Channels notified since the client last asked something: it hears a channel once until then.
   * A notification makes a follower read, which asks; one that does not read needs no more. Each
   * message to an idle thread costs both threads tens of µs (a wake-up): one per append, to every
   * follower, cost more than the appends' own answers.
   */
  const heard = new Set<string>();
  const answer = async (request: SqlRequest): Promise<unknown> => {
    switch (request.op) {
      case 'query':
        return on(request.tx).query(request.sql, request.params);
      case 'queryBytes':
        if (request.tx !== undefined) throw new Error('queryBytes runs outside transactions');
        return sql.queryBytes(request.sql, request.params);
      case 'copyFrom':
        return on(request.tx).copyFrom(request.sql, request.rows);
      case 'exec':
        return sql.execInTransaction(request.sql);
      case 'script':
        return sql.inOneTransaction(request.statements);
      case 'begin':
        return begin(request.tx);
      case 'commit':
        return end(request.tx, true);
      case 'rollback':
        return end(request.tx, false);
      case 'listen':
        if (!sql.listen) throw new Error('this database sends no notifications');
        await sql.listen(request.channel, () => {
          if (heard.has(request.channel)) return;
          heard.add(request.channel);
          port.postMessage({ notify: request.channel } satisfies SqlReply);
        });
        return undefined;
    }
  };
  port.on('message', (request: SqlRequest) => {
    heard.clear();
    answer(request).then(
      (result) => port.postMessage({ id: request.id, result } satisfies SqlReply),
      (e: unknown) => port.postMessage({ id: request.id, failure: failureOf(e) } satisfies SqlReply),
    );
  });
}

function failureOf(e: unknown): SqlFailure {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), fields: {} };
  const fields = Object.fromEntries(Object.entries(e).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'));
  return { name: e.name, message: e.message, fields };
}

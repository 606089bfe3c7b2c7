import type { SqlClient, SqlExecutor } from '@app/event-store';

/** A promise awaited later: its failure must not count as unhandled in the meantime. */
function later<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

export interface PipelineSteps<P> {
  /** The next page, or undefined when there is none; called again only once the last one has come. */
  readonly read: () => Promise<P | undefined>;
  /** Projects a page and says what its transaction writes. */
  readonly project: (page: P) => Promise<(tx: SqlExecutor) => Promise<void>> | ((tx: SqlExecutor) => Promise<void>);
  /** After a page's transaction has started (it may still be on its way). */
  readonly started?: (page: P) => void;
}

/**
 * Replays pages as a pipeline: the next page is read while this one is projected, and this one is
 * projected while the one before commits, so the database and Node work at the same time. Pages
 * commit in order, each in a transaction of its own. On a failure the write under way is waited
 * for, not left running behind the caller's back.
 */
export async function pipelined<P>(sql: SqlClient, { read, project, started }: PipelineSteps<P>): Promise<void> {
  let next = later(read());
  let writing: Promise<void> = Promise.resolve();
  try {
    for (let page = await next; page !== undefined; page = await next) {
      next = later(read());
      const write = await project(page);
      await writing;
      writing = later(sql.transaction(write));
      started?.(page);
    }
  } catch (e) {
    await writing.catch(() => undefined);
    throw e;
  }
  await writing;
}

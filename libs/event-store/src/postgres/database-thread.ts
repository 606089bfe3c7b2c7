import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { PortSqlClient } from './port-sql-client.js';

/** What the thread starts from. */
export interface DatabaseThreadData {
  readonly dataDir?: string;
  readonly sqlPort: MessagePort;
}

/** Asked of the thread besides SQL: run a module beside the database (see `HostedModule`), or close. */
export type ThreadControl = { readonly id: number; readonly op: 'host'; readonly module: string; readonly data: unknown } | { readonly id: number; readonly op: 'close' };

/** Said by the thread: ready, a control request done or failed, or a hosted module's report. */
export type ThreadNotice = { readonly ready: true } | { readonly id: number; readonly failure?: string } | { readonly report: unknown };

/**
 * A module the thread runs beside the database, with a client of its own that needs no messages
 * (the course views' runner: its statements and the derivation between them stay off the thread
 * that serves requests). Returns how to stop it.
 */
export type HostedModule = {
  inDatabaseThread(sql: import('./sql-client.js').SqlClient, data: unknown, report: (report: unknown) => void): Promise<() => Promise<void>>;
};

/**
 * The thread's young generation: 96 MiB is 32 MiB semi-spaces, as the API's own thread gets from
 * `--max-semi-space-size=32` (package.json); the views derived there make much short-lived garbage.
 */
const YOUNG_GENERATION_MIB = 96;

/**
 * The embedded PGlite in a worker thread of its own, served to this thread (`sql`). PGlite runs
 * its statements synchronously on the thread that opened it: in the API's thread, every request
 * waited while a statement ran, and the views' batches held it for tens of milliseconds.
 */
export class DatabaseThread {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly reports: ((report: unknown) => void)[] = [];
  private closing?: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    readonly sql: PortSqlClient,
  ) {
    worker.on('message', (notice: ThreadNotice) => {
      if ('report' in notice) for (const onReport of this.reports) onReport(notice.report);
      else if ('id' in notice) {
        const waiter = this.waiting.get(notice.id);
        this.waiting.delete(notice.id);
        if (notice.failure === undefined) waiter?.resolve();
        else waiter?.reject(new Error(notice.failure));
      }
    });
    worker.once('exit', (code) => {
      const stopped = new Error(`the database thread stopped (exit code ${code})`);
      for (const waiter of this.waiting.values()) waiter.reject(stopped);
      this.waiting.clear();
      sql.stopped(stopped);
    });
  }

  /** `dataDir` undefined keeps everything in memory. */
  static async open(dataDir?: string): Promise<DatabaseThread> {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(builtModule(new URL('./database-thread-worker.js', import.meta.url)), {
      workerData: { dataDir, sqlPort: port2 } satisfies DatabaseThreadData,
      transferList: [port2],
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MIB },
    });
    const sql: PortSqlClient = new PortSqlClient(port1, `${dataDir ? `pglite:${dataDir}` : 'pglite:memory'} (in a thread of its own)`, (): Promise<void> => thread.close());
    const thread: DatabaseThread = new DatabaseThread(worker, sql);
    await new Promise<void>((ready, failed) => {
      const onMessage = (notice: ThreadNotice) => {
        if ('ready' in notice) ready();
        else if ('id' in notice && notice.id === 0) failed(new Error(notice.failure));
      };
      worker.on('message', onMessage);
      worker.once('error', failed);
      worker.once('exit', (code) => failed(new Error(`the database thread stopped (exit code ${code}) before it opened the database`)));
    });
    worker.removeAllListeners('error');
    worker.on('error', () => undefined); // reported by 'exit': the client's waiting requests fail with it
    port1.unref();
    return thread;
  }

  /** Runs `module` (see HostedModule) in the thread; `onReport` hears what it reports. */
  host(module: URL, data: unknown, onReport: (report: unknown) => void): Promise<void> {
    this.reports.push(onReport);
    return this.control({ op: 'host', module: builtModule(module).href, data });
  }

  /** Stops what it hosts, closes the database and ends the thread. */
  close(): Promise<void> {
    this.closing ??= this.control({ op: 'close' }).finally(() => this.worker.terminate());
    return this.closing;
  }

  private control(request: Omit<Extract<ThreadControl, { op: 'host' }>, 'id'> | Omit<Extract<ThreadControl, { op: 'close' }>, 'id'>): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }
}

/**
 * A module's built file. Tests run the sources (ts-jest), but a worker thread runs plain Node: it
 * starts from the build under dist/ (the end-to-end tests build first).
 */
export function builtModule(url: URL): URL {
  const path = fileURLToPath(url);
  if (existsSync(path)) return url;
  return pathToFileURL(path.replace(/\/(apps|libs)\//, '/dist/$1/').replace(/\.ts$/, '.js'));
}

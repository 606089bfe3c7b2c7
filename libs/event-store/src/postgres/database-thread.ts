import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { PortSqlClient } from './port-sql-client.js';
import type { SqlClient } from './sql-client.js';

/** What the database's thread starts from. */
export interface DatabaseThreadData {
  readonly dataDir?: string;
  readonly sqlPort: MessagePort;
}

/** Asked of the database's thread besides SQL: serve another client on a port of its own, or close. */
export type ThreadControl = { readonly id: number; readonly op: 'serve'; readonly port: MessagePort } | { readonly id: number; readonly op: 'close' };

/** Said by the database's thread: ready, or a control request done or failed (id 0: it could not open the database). */
export type ThreadNotice = { readonly ready: true } | { readonly id: number; readonly failure?: string };

/** A client's end of a database thread's port, and the database's address for messages. */
export interface ServedDatabase {
  readonly sqlPort: MessagePort;
  readonly address: string;
}

/** What a hosted module's thread starts from: the port of the database hosting it, if one does, and any others it was given. */
export interface HostedThreadData {
  readonly module: string;
  readonly data: unknown;
  readonly own?: ServedDatabase;
  readonly besides: Readonly<Record<string, ServedDatabase>>;
}

/** Said by a hosted module's thread. */
export type HostedNotice = { readonly started: true } | { readonly failure: string } | { readonly report: unknown } | { readonly stopped: true };

/**
 * A module run in a thread of its own (the course views' runner): it derives its views there.
 * Hosted by an embedded database (`DatabaseThread.host`), `sql` is a client of it and `besides`
 * are clients of the other databases it was given, by name (the events', for a runner hosted by
 * the views' database); started alone (`hostModule`), it opens what it needs itself. Returns how
 * to stop it.
 */
export type HostedModule = {
  inOwnThread(sql: SqlClient | undefined, data: unknown, report: (report: unknown) => void, besides: Readonly<Record<string, SqlClient>>): Promise<() => Promise<void>>;
};

/** A module running in a thread of its own (see hostModule). */
export interface HostedThread {
  /** Asks the module to stop, then ends its thread. */
  stop(): Promise<void>;
}

/**
 * Each thread's young generation: 96 MiB is 32 MiB semi-spaces, as the API's own thread gets from
 * `--max-semi-space-size=32` (package.json); deriving views makes much short-lived garbage.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 96 };

/**
 * The embedded PGlite in a worker thread of its own, served to this thread (`sql`) and to the
 * modules it hosts, each in a thread of its own. PGlite runs its statements synchronously on the
 * thread that opened it: in the API's thread, every request waited while a statement ran, and
 * each batch of the views held it for tens of milliseconds.
 */
export class DatabaseThread {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly hosted = new Set<HostedThread>();
  private closing?: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    readonly sql: PortSqlClient,
  ) {
    worker.on('message', (notice: ThreadNotice) => {
      if (!('id' in notice)) return;
      const waiter = this.waiting.get(notice.id);
      this.waiting.delete(notice.id);
      if (notice.failure === undefined) waiter?.resolve();
      else waiter?.reject(new Error(notice.failure));
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
      resourceLimits: RESOURCE_LIMITS,
    });
    const sql: PortSqlClient = new PortSqlClient(port1, addressOf(dataDir), (): Promise<void> => thread.close());
    const thread: DatabaseThread = new DatabaseThread(worker, sql);
    await started(worker, (notice: ThreadNotice) => ('ready' in notice ? true : notice.id === 0 ? notice.failure : undefined), 'the database thread');
    port1.unref();
    return thread;
  }

  /**
   * Runs `module` (see HostedModule) in a thread of its own, with a client of this database and
   * of each in `besides`, by name; `onReport` hears what it reports, `onStopped` why its thread
   * ended if it did before `close`, which stops it first.
   */
  async host(
    module: URL,
    data: unknown,
    onReport: (report: unknown) => void,
    onStopped: (reason: Error) => void = () => undefined,
    besides: Readonly<Record<string, DatabaseThread>> = {},
  ): Promise<void> {
    const own = await this.served();
    const others = Object.fromEntries(await Promise.all(Object.entries(besides).map(async ([name, thread]) => [name, await thread.served()] as const)));
    const hosted = await hostModule(module, data, onReport, (reason) => {
      this.hosted.delete(hosted);
      if (!this.closing) onStopped(reason);
    }, { own, besides: others });
    this.hosted.add(hosted);
  }

  /** A new port this database is served on, for a client in another thread. */
  private async served(): Promise<ServedDatabase> {
    const { port1, port2 } = new MessageChannel();
    await this.control({ op: 'serve', port: port1 }, [port1]);
    return { sqlPort: port2, address: this.sql.address };
  }

  /** Stops the modules it hosts, then closes the database and ends its thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.hosted].map((h) => h.stop()));
      await this.control({ op: 'close' }).finally(() => this.worker.terminate());
    })();
    return this.closing;
  }

  private control(request: { op: 'serve'; port: MessagePort } | { op: 'close' }, transfer: MessagePort[] = []): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }
}

const addressOf = (dataDir: string | undefined) => `${dataDir ? `pglite:${dataDir}` : 'pglite:memory'} (in a thread of its own)`;

/** Waits for a new thread to say it started (`outcome` true) or why it could not (a message). */
function started<N>(worker: Worker, outcome: (notice: N) => true | string | undefined, name: string): Promise<void> {
  return new Promise<void>((ready, failed) => {
    const onMessage = (notice: N) => {
      const said = outcome(notice);
      if (said === undefined) return;
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      worker.removeAllListeners('error');
      worker.on('error', () => undefined); // an uncaught error ends the thread: its 'exit' is handled
      if (said === true) ready();
      else failed(new Error(said));
    };
    const onExit = (code: number) => failed(new Error(`${name} stopped (exit code ${code}) before it started`));
    worker.on('message', onMessage);
    worker.once('error', failed);
    worker.once('exit', onExit);
  });
}

/**
 * Runs `module` (see HostedModule) in a thread of its own, with clients of the databases whose
 * ports it is given (none: it opens what it needs); `onReport` hears what it reports, `onStopped`
 * why its thread ended if it did before `stop`.
 */
export async function hostModule(
  module: URL,
  data: unknown,
  onReport: (report: unknown) => void,
  onStopped: (reason: Error) => void = () => undefined,
  databases: { readonly own?: ServedDatabase; readonly besides?: Readonly<Record<string, ServedDatabase>> } = {},
): Promise<HostedThread> {
  const besides = databases.besides ?? {};
  const worker = new Worker(builtModule(new URL('./hosted-thread.js', import.meta.url)), {
    workerData: { module: builtModule(module).href, data, ...(databases.own && { own: databases.own }), besides } satisfies HostedThreadData,
    transferList: [...(databases.own ? [databases.own.sqlPort] : []), ...Object.values(besides).map((o) => o.sqlPort)],
    resourceLimits: RESOURCE_LIMITS,
  });
  worker.on('message', (notice: HostedNotice) => {
    if ('report' in notice) onReport(notice.report);
  });
  const name = `the thread of ${module.pathname.split('/').pop()}`;
  await started(worker, (notice: HostedNotice) => ('started' in notice ? true : 'failure' in notice ? notice.failure : undefined), name);
  let exited = false;
  let stopping: Promise<void> | undefined;
  worker.once('exit', (code) => {
    exited = true;
    if (!stopping) onStopped(new Error(`${name} stopped (exit code ${code})`));
  });
  return { stop: () => (stopping ??= exited ? Promise.resolve() : stopHosted(worker)) };
}

/** How long a hosted module may take to stop before its thread is ended anyway. */
const STOP_WAIT_MS = 10_000;

/** Asks a hosted module's thread to stop its module, then ends the thread. */
async function stopHosted(worker: Worker): Promise<void> {
  await new Promise<void>((done) => {
    const timer = setTimeout(done, STOP_WAIT_MS).unref();
    const stopped = () => {
      clearTimeout(timer);
      done();
    };
    worker.on('message', (notice: HostedNotice) => {
      if ('stopped' in notice) stopped();
    });
    worker.once('exit', stopped);
    worker.postMessage('stop');
  });
  await worker.terminate();
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

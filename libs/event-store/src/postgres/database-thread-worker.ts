import { parentPort, workerData } from 'node:worker_threads';
import type { DatabaseThreadData, HostedModule, ThreadControl, ThreadNotice } from './database-thread.js';
import { PgliteClient } from './pglite-client.js';
import { serveSql } from './serve-sql.js';

// The embedded database's own thread (see DatabaseThread): opens PGlite, serves it on the port it
// was given, runs the modules it is asked to host beside it, and closes it all when asked.
const { dataDir, sqlPort } = workerData as DatabaseThreadData;
const control = parentPort as NonNullable<typeof parentPort>;
const say = (notice: ThreadNotice) => control.postMessage(notice);
const hosted: (() => Promise<void>)[] = [];

try {
  const sql = await PgliteClient.open(dataDir, { notifications: true });
  serveSql(sql, sqlPort);
  control.on('message', (request: ThreadControl) => {
    const done = request.op === 'host' ? host(sql, request.module, request.data) : close(sql);
    done.then(
      () => say({ id: request.id }),
      (e: unknown) => say({ id: request.id, failure: e instanceof Error ? e.message : String(e) }),
    );
  });
  say({ ready: true });
} catch (e) {
  say({ id: 0, failure: `could not open the embedded database${dataDir ? ` in ${dataDir}` : ''}: ${e instanceof Error ? e.message : String(e)}` });
}

async function host(sql: PgliteClient, module: string, data: unknown): Promise<void> {
  const { inDatabaseThread } = (await import(module)) as HostedModule;
  hosted.push(await inDatabaseThread(sql, data, (report) => say({ report })));
}

async function close(sql: PgliteClient): Promise<void> {
  for (const stop of hosted.reverse()) await stop();
  await sql.close();
}

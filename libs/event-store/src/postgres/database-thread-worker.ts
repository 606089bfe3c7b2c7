import { parentPort, workerData } from 'node:worker_threads';
import type { DatabaseThreadData, ThreadControl, ThreadNotice } from './database-thread.js';
import { PgliteClient } from './pglite-client.js';
import { serveSql } from './serve-sql.js';

// The embedded database's own thread (see DatabaseThread): opens PGlite, serves it on the port it
// was given and on each port it is sent later, and closes it when asked.
const { dataDir, sqlPort } = workerData as DatabaseThreadData;
const control = parentPort as NonNullable<typeof parentPort>;
const say = (notice: ThreadNotice) => control.postMessage(notice);

try {
  const sql = await PgliteClient.open(dataDir, { notifications: true });
  serveSql(sql, sqlPort);
  control.on('message', (request: ThreadControl) => {
    const done = request.op === 'serve' ? Promise.resolve(serveSql(sql, request.port)) : sql.close();
    done.then(
      () => say({ id: request.id }),
      (e: unknown) => say({ id: request.id, failure: e instanceof Error ? e.message : String(e) }),
    );
  });
  say({ ready: true });
} catch (e) {
  say({ id: 0, failure: `could not open the embedded database${dataDir ? ` in ${dataDir}` : ''}: ${e instanceof Error ? e.message : String(e)}` });
}

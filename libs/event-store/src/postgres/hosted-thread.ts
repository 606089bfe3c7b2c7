import { parentPort, workerData } from 'node:worker_threads';
import type { HostedModule, HostedNotice, HostedThreadData } from './database-thread.js';
import { PortSqlClient } from './port-sql-client.js';

// A module's own thread beside the embedded database's (see DatabaseThread.host): runs the module
// with a client of the database, passes its reports on, and stops it when asked.
const { module, data, sqlPort, address } = workerData as HostedThreadData;
const control = parentPort as NonNullable<typeof parentPort>;
const say = (notice: HostedNotice) => control.postMessage(notice);
const sql = new PortSqlClient(sqlPort, address, async () => {
  sqlPort.close();
});

try {
  const { inOwnThread } = (await import(module)) as HostedModule;
  const stop = await inOwnThread(sql, data, (report) => say({ report }));
  control.once('message', () => {
    void stop()
      .catch(() => undefined)
      .finally(() => say({ stopped: true }));
  });
  say({ started: true });
} catch (e) {
  say({ failure: e instanceof Error ? e.message : String(e) });
  sqlPort.close();
  control.close();
}

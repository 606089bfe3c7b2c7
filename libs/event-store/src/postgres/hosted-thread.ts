import { parentPort, workerData } from 'node:worker_threads';
import type { HostedModule, HostedNotice, HostedThreadData, ServedDatabase } from './database-thread.js';
import { PortSqlClient } from './port-sql-client.js';

// A module's own thread (see hostModule): runs the module with a client of the database hosting
// it, if one does, and of any other it was given, passes its reports on, and stops it when asked.
const { module, data, own, besides } = workerData as HostedThreadData;
const control = parentPort as NonNullable<typeof parentPort>;
const say = (notice: HostedNotice) => control.postMessage(notice);
const clientOf = (served: ServedDatabase) =>
  new PortSqlClient(served.sqlPort, served.address, async () => {
    served.sqlPort.close();
  });
const sql = own && clientOf(own);
const others = Object.fromEntries(Object.entries(besides).map(([name, served]) => [name, clientOf(served)]));
const closeAll = () => {
  for (const served of [...(own ? [own] : []), ...Object.values(besides)]) served.sqlPort.close();
};

try {
  const { inOwnThread } = (await import(module)) as HostedModule;
  const stop = await inOwnThread(sql, data, (report) => say({ report }), others);
  control.once('message', () => {
    void stop()
      .catch(() => undefined)
      .finally(() => say({ stopped: true }));
  });
  say({ started: true });
} catch (e) {
  say({ failure: e instanceof Error ? e.message : String(e) });
  closeAll();
  control.close();
}

import { MessageChannel } from 'node:worker_threads';
import { PgliteClient } from '../../libs/event-store/src/postgres/pglite-client.js';
import { PortSqlClient } from '../../libs/event-store/src/postgres/port-sql-client.js';
import { serveSql } from '../../libs/event-store/src/postgres/serve-sql.js';

/**
 * PGlite in memory served over a message port, both ends in this thread: what the API's threads
 * do across threads (see DatabaseThread), without a build to start a worker from. Closing the
 * client closes the database and the ports.
 */
export async function pgliteOverPort(): Promise<PortSqlClient> {
  const pglite = await PgliteClient.open(undefined, { notifications: true });
  const { port1, port2 } = new MessageChannel();
  serveSql(pglite, port2);
  return new PortSqlClient(port1, 'pglite:memory (over a port)', async () => {
    await pglite.close();
    port1.close();
    port2.close();
  });
}

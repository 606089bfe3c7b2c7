import type { SqlClient } from '../../libs/event-store/src/postgres/sql-client.js';
import { NodePostgresClient } from '../../libs/event-store/src/postgres/node-postgres-client.js';
import { PgliteClient } from '../../libs/event-store/src/postgres/pglite-client.js';
import { freshDatabase } from './fresh-database.js';

export interface OpenedSqlClient {
  readonly sql: SqlClient;
  readonly done: () => Promise<void>;
}

/**
 * Both transports a SQL contract must hold for, by name: PGlite in memory, and a fresh database
 * (named with `prefix`) on the PostgreSQL server, dropped when done.
 */
export const sqlClients = (prefix: string): readonly (readonly [label: string, open: () => Promise<OpenedSqlClient>])[] => [
  [
    'PGlite',
    async () => {
      const sql = await PgliteClient.open();
      return { sql, done: () => sql.close() };
    },
  ],
  [
    'PostgreSQL server',
    async () => {
      const db = await freshDatabase(prefix);
      const sql = new NodePostgresClient(db.url);
      return {
        sql,
        done: async () => {
          await sql.close();
          await db.drop();
        },
      };
    },
  ],
];

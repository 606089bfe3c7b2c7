import pg from 'pg';
import type { SqlClient } from './sql-client.js';

/** A PostgreSQL server through a node-postgres pool. */
export class NodePostgresClient implements SqlClient {
  private readonly pool: pg.Pool;
  private listener?: pg.PoolClient;
  readonly address: string;

  constructor(connectionString: string, poolSize = 10) {
    this.pool = new pg.Pool({ connectionString, max: poolSize });
    this.pool.on('error', () => undefined); // an idle client's broken connection is replaced on next use
    const url = new URL(connectionString);
    this.address = `${url.hostname}:${url.port || 5432}${url.pathname}`;
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.pool.query(sql, params as unknown[]);
    return result.rows as Row[];
  }

  async execInTransaction(sql: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(sql);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    this.listener ??= await this.pool.connect();
    const listener = this.listener;
    const handler = (msg: pg.Notification) => msg.channel === channel && onNotify();
    listener.on('notification', handler);
    await listener.query(`LISTEN ${channel}`);
    return async () => {
      listener.off('notification', handler);
    };
  }

  async close(): Promise<void> {
    this.listener?.release();
    this.listener = undefined;
    await this.pool.end();
  }
}

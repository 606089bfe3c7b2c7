import { pgliteOverPort } from '../../../../test/support/served-over-port.js';
import { MessageChannel } from 'node:worker_threads';
import { PgliteClient } from './pglite-client.js';
import { PortSqlClient } from './port-sql-client.js';
import { serveSql } from './serve-sql.js';

/** PGlite served over a message port, both ends in this thread (the API's database thread does the same across threads). */
async function served(): Promise<{ sql: PortSqlClient }> {
  const sql = await pgliteOverPort();
  await sql.query('create table t (id int primary key, note text, packed bytea)');
  return { sql };
}

describe('a database served over a message port', () => {
  it('answers statements, with byte arrays as Buffers both as rows and as raw values', async () => {
    const { sql } = await served();
    try {
      await sql.query('insert into t values ($1, $2, $3)', [1, 'one', Buffer.from([0, 1, 254, 255])]);
      const [row] = await sql.query<{ id: number; note: string; packed: Buffer }>('select * from t');
      expect(row).toEqual({ id: 1, note: 'one', packed: Buffer.from([0, 1, 254, 255]) });
      expect(Buffer.isBuffer(row?.packed)).toBe(true);
      const [[note, packed]] = (await sql.queryBytes('select note, packed from t')) as [[Buffer, Buffer]];
      expect([Buffer.isBuffer(note), note.toString(), packed.toString()]).toEqual([true, 'one', '\\x0001feff']);
    } finally {
      await sql.close();
    }
  });

  it("passes a database error's fields on, so callers can tell a conflict from a failure", async () => {
    const { sql } = await served();
    try {
      await sql.query('insert into t (id) values (1)');
      await expect(sql.query('insert into t (id) values (1)')).rejects.toMatchObject({ code: '23505', constraint: 't_pkey', message: expect.stringMatching(/duplicate key/) });
    } finally {
      await sql.close();
    }
  });

  it('commits a transaction whole, rolls it back when its work throws, and queues other statements behind it', async () => {
    const { sql } = await served();
    try {
      await expect(
        sql.transaction(async (tx) => {
          await tx.query('insert into t (id) values (1)');
          throw new Error('work failed');
        }),
      ).rejects.toThrow('work failed');
      const order: string[] = [];
      const committed = sql.transaction(async (tx) => {
        await tx.query('insert into t (id) values (2)');
        await new Promise((r) => setTimeout(r, 50));
        await tx.query('insert into t (id) values (3)');
        order.push('committed');
      });
      await new Promise((r) => setTimeout(r, 10));
      // Asked while the transaction is open: answered after it commits, and sees both rows.
      const outside = sql.query<{ n: number }>('select count(*)::int as n from t').then((rows) => (order.push('read'), rows));
      await committed;
      expect(await outside).toEqual([{ n: 2 }]);
      expect(order).toEqual(['committed', 'read']);
      await expect(sql.query('select id from t order by id')).resolves.toEqual([{ id: 2 }, { id: 3 }]);
    } finally {
      await sql.close();
    }
  });

  it('runs statements sent together in one transaction, and none of them when one fails', async () => {
    const { sql } = await served();
    try {
      await sql.inOneTransaction([{ sql: 'insert into t (id) values ($1)', params: [1] }, { sql: 'insert into t (id) values ($1)', params: [2] }]);
      const failing = sql.inOneTransaction([{ sql: 'insert into t (id) values ($1)', params: [3] }, { sql: "select 1 / (select count(*) from t where id = 99)" }]);
      await expect(failing).rejects.toMatchObject({ code: '22012' });
      await expect(sql.query('select id from t order by id')).resolves.toEqual([{ id: 1 }, { id: 2 }]);
    } finally {
      await sql.close();
    }
  });

  it('copies rows in, and forwards notifications to its listeners', async () => {
    const { sql } = await served();
    try {
      const heard: string[] = [];
      await sql.listen('news', () => heard.push('news'));
      await sql.query("select pg_notify('news', 'x')");
      await new Promise((r) => setTimeout(r, 20));
      expect(heard).toEqual(['news']);
      await sql.execInTransaction('create table c (n int); insert into c values (7);');
      await expect(sql.query('select n from c')).resolves.toEqual([{ n: 7 }]);
    } finally {
      await sql.close();
    }
  });

  it('tells a listener of a channel once until it asks something again, so it is not woken by every notification', async () => {
    const pglite = await PgliteClient.open(undefined, { notifications: true });
    const listening = new MessageChannel();
    const writing = new MessageChannel();
    serveSql(pglite, listening.port2);
    serveSql(pglite, writing.port2);
    const follower = new PortSqlClient(listening.port1, 'follower', async () => undefined);
    const writer = new PortSqlClient(writing.port1, 'writer', async () => undefined);
    try {
      let heard = 0;
      await follower.listen('news', () => heard++);
      const notify = async (times: number) => {
        for (let i = 0; i < times; i++) await writer.query("select pg_notify('news', 'x')");
        await new Promise((r) => setTimeout(r, 20));
      };
      await notify(3);
      expect(heard).toBe(1);
      await follower.query('select 1'); // it read again: the next notification is told
      await notify(2);
      expect(heard).toBe(2);
    } finally {
      for (const port of [listening.port1, listening.port2, writing.port1, writing.port2]) port.close();
      await pglite.close();
    }
  });

  it('fails what is asked after it closed, naming the database', async () => {
    const { sql } = await served();
    await sql.close();
    await expect(sql.query('select 1')).rejects.toThrow('pglite:memory (over a port) was closed');
  });
});

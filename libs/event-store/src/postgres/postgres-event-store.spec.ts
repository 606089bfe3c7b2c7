import fc from 'fast-check';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import { freshDatabase } from '../../../../test/support/fresh-database.js';
import { eventStoreContract } from '../contract/event-store.contract.js';
import { openEventStore } from '../open-event-store.js';
import { NodePostgresClient } from './node-postgres-client.js';
import { pgliteOverPort } from '../../../../test/support/served-over-port.js';
import { PgliteClient } from './pglite-client.js';
import { PortSqlClient } from './port-sql-client.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { serveSql } from './serve-sql.js';

const drops: (() => Promise<void>)[] = [];

/** Each test gets its own database on the server, dropped at the end. */
async function freshUrl(): Promise<string> {
  const db = await freshDatabase('tte_contract');
  drops.push(db.drop);
  return db.url;
}

afterAll(async () => {
  for (const drop of drops) await drop();
});

eventStoreContract('PGlite (embedded, in memory)', () => openEventStore({ kind: 'embedded', pollIntervalMs: 50 }));
// As the API's threads reach the embedded database (see DatabaseThread), both ends here.
eventStoreContract('PGlite served over a message port', async () => PostgresEventStore.open(await pgliteOverPort(), { pollIntervalMs: 50 }));
eventStoreContract('PostgreSQL server', async () => openEventStore({ kind: 'postgres', url: await freshUrl(), pollIntervalMs: 50 }));

describe('PostgreSQL server: late commits', () => {
  it('does not let a reader pass an append whose transaction has not committed yet', async () => {
    const url = await freshUrl();
    const store = await PostgresEventStore.open(new NodePostgresClient(url), { pollIntervalMs: 50 });
    const slow = new pg.Client({ connectionString: url });
    await slow.connect();
    try {
      await slow.query('begin');
      const requests = [{ streamId: 'slow', expectedKind: 'any', expected: null, idempotencyKey: null, count: 1 }];
      await slow.query('select tte_append($1::jsonb, $2::json, $3::json, $4::json, $5::json, $6::json)', [JSON.stringify(requests), '[1]', JSON.stringify([randomUUID()]), '["T"]', '[{}]', '[{}]']);
      // A second writer must queue behind the open transaction rather than take a later position and commit first.
      const fast = store.append({ streamId: 'fast', events: [{ eventId: randomUUID(), type: 'T', data: {}, metadata: {} }], expectedRevision: 'any' });
      await new Promise((r) => setTimeout(r, 200));
      expect(await store.readAll()).toEqual([]);
      await slow.query('commit');
      await fast;
      expect((await store.readAll()).map((e) => [e.position, e.streamId])).toEqual([[1, 'slow'], [2, 'fast']]);
    } finally {
      await slow.end();
      await store.close();
    }
  });

  it('names the address when the server cannot be reached', async () => {
    await expect(openEventStore({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none' })).rejects.toThrow(/127\.0\.0\.1:1\/none \(DATABASE_URL\) cannot be reached/);
  });
});

describe('PostgreSQL server: a page of events read as rows', () => {
  it('gives the same events as the aggregated JSON text PGlite reads, for any data', async () => {
    const url = await freshUrl();
    const rows = await PostgresEventStore.open(new NodePostgresClient(url));
    // The same server read through the aggregated text: the client without its row reads.
    const aggregatedOnly = new NodePostgresClient(url);
    Object.defineProperty(aggregatedOnly, 'queryRows', { value: undefined });
    const aggregated = await PostgresEventStore.open(aggregatedOnly);
    // Any code point, NUL included: the columns are json, which keep \u0000 as written.
    const data = fc.jsonValue({ stringUnit: 'binary' });
    let stream = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.record({ data, metadata: fc.dictionary(fc.string(), data) }), { minLength: 1, maxLength: 8 }), async (events) => {
          const streamId = `s-${++stream}`;
          await rows.append({ streamId, expectedRevision: 'no-stream', events: events.map((e) => ({ eventId: randomUUID(), type: 'T', ...e })) });
          const [asRows, asText] = [await rows.readStream(streamId), await aggregated.readStream(streamId)];
          expect(asRows).toEqual(asText);
          expect(asRows.map((e) => e.revision)).toEqual(events.map((_, i) => i));
          expect(asRows[0]?.recordedAt).toBeInstanceOf(Date);
          const head = (asRows[asRows.length - 1]?.position ?? 0) - events.length;
          expect(await rows.readAll({ after: head })).toEqual(await aggregated.readAll({ after: head }));
        }),
        { numRuns: 30 },
      );
    } finally {
      await rows.close();
      await aggregated.close();
    }
  });
});

describe('PGlite: commands submitted together', () => {
  it('share one transaction, though each statement holds the thread until it is done', async () => {
    const sql = await PgliteClient.open();
    const store = await PostgresEventStore.open(sql);
    const append = (streamId: string) => store.append({ streamId, expectedRevision: 'no-stream', events: [{ eventId: randomUUID(), type: 'T', data: {}, metadata: {} }] });
    try {
      // Five commands read from the sockets in one turn of the event loop, then a sixth alone.
      const together = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(append));
      await append('f');
      expect(together.map((r) => r.firstPosition)).toEqual([1, 2, 3, 4, 5]);
      const transactions = await sql.query<{ stream_id: string; tx: string }>('select stream_id, xmin::text as tx from events order by position');
      const txOf = new Map(transactions.map((r) => [r.stream_id, r.tx]));
      expect(new Set(['a', 'b', 'c', 'd', 'e'].map((s) => txOf.get(s))).size).toBe(1);
      expect(txOf.get('f')).not.toBe(txOf.get('a'));
    } finally {
      await store.close();
    }
  });
});

describe('PGlite over ports: a follower told of appends once until it reads again', () => {
  it('sees every burst of another thread’s appends at once, with polling out of the way', async () => {
    const pglite = await PgliteClient.open(undefined, { notifications: true });
    const channels = [new MessageChannel(), new MessageChannel()];
    for (const c of channels) serveSql(pglite, c.port2);
    const [writing, following] = channels.map((c, i) => new PortSqlClient(c.port1, `port ${i}`, async () => c.port1.close())) as [PortSqlClient, PortSqlClient];
    const writer = await PostgresEventStore.open(writing);
    const follower = await PostgresEventStore.open(following, { pollIntervalMs: 60_000 });
    const seen: number[] = [];
    const subscription = follower.subscribeToAll({ liveReadIntervalMs: 5 }).subscribe((e) => seen.push(e.position));
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }), async (bursts) => {
          for (const size of bursts) {
            await Promise.all(Array.from({ length: size }, (_, i) => writer.append({ streamId: `s-${i}`, events: [{ eventId: randomUUID(), type: 'T', data: {}, metadata: {} }], expectedRevision: 'any' })));
            const head = await writer.headPosition();
            const deadline = Date.now() + 2_000; // far below the 60 s poll: only a notification wakes the follower in time
            while (seen.at(-1) !== head) {
              if (Date.now() > deadline) throw new Error(`the follower stopped at ${seen.at(-1)} of ${head}`);
              await new Promise((r) => setTimeout(r, 5));
            }
          }
        }),
        { numRuns: 15 },
      );
      expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
    } finally {
      subscription.unsubscribe();
      await writer.close();
      await follower.close();
      for (const c of channels) c.port2.close();
      await pglite.close();
    }
  });
});

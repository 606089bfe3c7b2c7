import { randomUUID } from 'node:crypto';
import { firstValueFrom, take, toArray } from 'rxjs';
import { DuplicateEventError, WrongExpectedRevisionError } from '../errors.js';
import type { EventStore, NewEvent, StoredEvent } from '../event-store.port.js';

export const newEvent = (type = 'Noted', data: unknown = { n: 1 }): NewEvent => ({ eventId: randomUUID(), type, data, metadata: { by: 'contract' } });
const events = (n: number) => Array.from({ length: n }, (_, i) => newEvent('Noted', { i }));

/**
 * The behaviour every EventStore adapter must have. Each adapter's spec calls this with a factory
 * that gives a fresh, empty store.
 */
export function eventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('appends to a new stream from revision 0 and reads it back in order', async () => {
      const result = await store.append({ streamId: 'p-1', events: events(3), expectedRevision: 'no-stream' });
      expect(result).toMatchObject({ streamId: 'p-1', revision: 2, firstPosition: 1, lastPosition: 3, replayed: false });
      const read = await store.readStream('p-1');
      expect(read.map((e) => [e.revision, e.position, (e.data as { i: number }).i])).toEqual([[0, 1, 0], [1, 2, 1], [2, 3, 2]]);
      expect(read[0]?.metadata).toEqual({ by: 'contract' });
      expect(read[0]?.recordedAt).toBeInstanceOf(Date);
      expect(await store.streamRevision('p-1')).toBe(2);
      expect(await store.streamRevision('nobody')).toBeUndefined();
    });

    it('rejects a wrong expected revision and records nothing', async () => {
      await store.append({ streamId: 'p-1', events: events(2), expectedRevision: 'no-stream' });
      await expect(store.append({ streamId: 'p-1', events: events(1), expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      const err = await store.append({ streamId: 'p-1', events: events(1), expectedRevision: 0 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WrongExpectedRevisionError);
      expect(err).toMatchObject({ streamId: 'p-1', expected: 0, actual: 1 });
      await expect(store.append({ streamId: 'p-2', events: events(1), expectedRevision: 4 })).rejects.toMatchObject({ actual: undefined });
      expect(await store.readAll()).toHaveLength(2);
      expect(await store.append({ streamId: 'p-1', events: events(1), expectedRevision: 1 })).toMatchObject({ revision: 2 });
      expect(await store.append({ streamId: 'p-1', events: events(1), expectedRevision: 'any' })).toMatchObject({ revision: 3 });
    });

    it('lets exactly one of two appends at the same expected revision win, losing nothing', async () => {
      await store.append({ streamId: 'p-1', events: events(1), expectedRevision: 'no-stream' });
      const a = newEvent('A');
      const b = newEvent('B');
      const outcomes = await Promise.allSettled([
        store.append({ streamId: 'p-1', events: [a], expectedRevision: 0 }),
        store.append({ streamId: 'p-1', events: [b], expectedRevision: 0 }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
      const stream = await store.readStream('p-1');
      expect(stream).toHaveLength(2);
      const winner = outcomes[0]?.status === 'fulfilled' ? a : b;
      expect(stream[1]?.eventId).toBe(winner.eventId);
    });

    it('races two first appends to a new stream into one winner and one conflict', async () => {
      const outcomes = await Promise.allSettled([
        store.append({ streamId: 'fresh', events: events(1), expectedRevision: 'no-stream' }),
        store.append({ streamId: 'fresh', events: events(1), expectedRevision: 'no-stream' }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream('fresh')).toHaveLength(1);
    });

    it('records nothing the second time an idempotency key is used and returns the first result', async () => {
      const first = await store.append({ streamId: 'p-1', events: events(2), expectedRevision: 'no-stream', idempotencyKey: 'k-1' });
      const again = await store.append({ streamId: 'p-1', events: events(2), expectedRevision: 'no-stream', idempotencyKey: 'k-1' });
      expect(again).toEqual({ ...first, replayed: true });
      expect(await store.findIdempotentResult('k-1')).toEqual({ ...first, replayed: true });
      expect(await store.findIdempotentResult('k-unused')).toBeUndefined();
      const concurrent = await Promise.all([1, 2, 3].map(() => store.append({ streamId: 'p-2', events: events(1), expectedRevision: 'any', idempotencyKey: 'k-2' })));
      expect(new Set(concurrent.map((r) => r.firstPosition)).size).toBe(1);
      expect(await store.readAll()).toHaveLength(3);
    });

    it('refuses an event id that is already recorded, anywhere', async () => {
      const e = newEvent();
      await store.append({ streamId: 'p-1', events: [e], expectedRevision: 'no-stream' });
      await expect(store.append({ streamId: 'p-2', events: [newEvent(), e], expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(DuplicateEventError);
      expect(await store.readStream('p-2')).toEqual([]);
      expect(await store.existingEventIds([{ eventId: e.eventId, streamId: 'p-1' }, { eventId: randomUUID(), streamId: 'p-2' }])).toEqual(new Set([e.eventId]));
    });

    it('appends many streams atomically: one conflict records none of the batch', async () => {
      await store.append({ streamId: 'p-1', events: events(1), expectedRevision: 'no-stream' });
      await expect(
        store.appendMany([
          { streamId: 'p-2', events: events(2), expectedRevision: 'no-stream' },
          { streamId: 'p-1', events: events(1), expectedRevision: 'no-stream' },
        ]),
      ).rejects.toMatchObject({ streamId: 'p-1' });
      expect(await store.readAll()).toHaveLength(1);
      const results = await store.appendMany([
        { streamId: 'p-3', events: events(2), expectedRevision: 'no-stream' },
        { streamId: 'p-1', events: events(1), expectedRevision: 0 },
      ]);
      expect(results.map((r) => [r.streamId, r.revision])).toEqual([['p-3', 1], ['p-1', 1]]);
      expect((await store.readAll()).map((e) => e.position)).toEqual([1, 2, 3, 4]);
    });

    it('reads all in global order from a position, in pages, and lists streams', async () => {
      for (const id of ['b', 'a', 'c']) await store.append({ streamId: id, events: events(2), expectedRevision: 'no-stream' });
      const page1 = await store.readAll({ after: 0, limit: 4 });
      const page2 = await store.readAll({ after: page1.at(-1)?.position, limit: 4 });
      expect([...page1, ...page2].map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(page1.map((e) => e.streamId)).toEqual(['b', 'b', 'a', 'a']);
      expect(await store.headPosition()).toBe(6);
      const streams = await store.listStreams({ limit: 2 });
      expect(streams.map((s) => [s.streamId, s.revision])).toEqual([['a', 1], ['b', 1]]);
      expect((await store.listStreams({ after: 'b' })).map((s) => s.streamId)).toEqual(['c']);
    });

    it('catches a subscriber up, then delivers live appends', async () => {
      await store.append({ streamId: 'p-1', events: events(3), expectedRevision: 'no-stream' });
      const seen = firstValueFrom(store.subscribeToAll({ after: 1 }).pipe(take(4), toArray()));
      await store.append({ streamId: 'p-2', events: events(2), expectedRevision: 'no-stream' });
      expect((await seen).map((e) => e.position)).toEqual([2, 3, 4, 5]);
    });

    it('gives a live subscriber every event exactly once, in order, with 8 concurrent writers', async () => {
      const writers = 8;
      const perWriter = 40;
      const total = writers * perWriter;
      const received: StoredEvent[] = [];
      const done = firstValueFrom(store.subscribeToAll({ batchSize: 25 }).pipe(take(total), toArray()));
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter; i += 2) {
            await store.append({ streamId: `w-${w}-${i % 3}`, events: events(2), expectedRevision: 'any' });
          }
        }),
      );
      received.push(...(await done));
      expect(received.map((e) => e.position)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(new Set(received.map((e) => e.eventId)).size).toBe(total);
      const perStream = new Map<string, number[]>();
      for (const e of received) perStream.set(e.streamId, [...(perStream.get(e.streamId) ?? []), e.revision]);
      for (const revisions of perStream.values()) expect(revisions).toEqual(revisions.map((_, i) => i));
    });
  });
}

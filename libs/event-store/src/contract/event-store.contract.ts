import { randomUUID } from 'node:crypto';
import { firstValueFrom, take, toArray } from 'rxjs';
import { DuplicateEventError, WrongExpectedRevisionError } from '../errors.js';
import type { EventStore, NewEvent, StoredEvent } from '../event-store.port.js';

export const newEvent = (type = 'Noted', data: unknown = { n: 1 }): NewEvent => ({ eventId: randomUUID(), type, data, metadata: { by: 'contract' } });
const events = (n: number) => Array.from({ length: n }, (_, i) => newEvent('Noted', { i }));

export interface ContractOptions {
  /**
   * For a store that cannot be emptied between tests (a shared KurrentDB): a fresh prefix per test
   * for stream ids and idempotency keys. Each test also reads the log only after the position it
   * found at its start. Without it every test gets a fresh, empty store (prefix '').
   */
  readonly namespace?: () => string;
}

/** Where positions are not gapless they only increase; one append's events may share one. */
function expectAscending(positions: readonly number[]): void {
  positions.forEach((p, i) => {
    if (i > 0) expect(p).toBeGreaterThanOrEqual(positions[i - 1] as number);
  });
}

/**
 * The behaviour every EventStore adapter must have. Each adapter's spec calls this with a factory
 * that gives a fresh store (empty, or namespaced: see ContractOptions). Where adapters may differ
 * (store.capabilities), the strict property is asserted exactly when the store claims it, and the
 * weaker one otherwise.
 */
export function eventStoreContract(name: string, open: () => Promise<EventStore>, options: ContractOptions = {}): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let ns = '';
    /** The head when the test started: 0 on a fresh store. */
    let base = 0;
    const s = (streamId: string) => `${ns}${streamId}`;
    const ids = (read: readonly StoredEvent[]) => read.map((e) => e.eventId);
    const gapless = () => store.capabilities.gaplessPositions;
    beforeEach(async () => {
      store = await open();
      ns = options.namespace?.() ?? '';
      base = await store.headPosition();
    });
    afterEach(async () => {
      await store.close();
    });

    it('appends to a new stream from revision 0 and reads it back in order', async () => {
      const result = await store.append({ streamId: s('p-1'), events: events(3), expectedRevision: 'no-stream' });
      expect(result).toMatchObject({ streamId: s('p-1'), revision: 2, replayed: false });
      const read = await store.readStream(s('p-1'));
      expect(read.map((e) => [e.revision, (e.data as { i: number }).i])).toEqual([[0, 0], [1, 1], [2, 2]]);
      if (gapless()) {
        expect(result).toMatchObject({ firstPosition: 1, lastPosition: 3 });
        expect(read.map((e) => e.position)).toEqual([1, 2, 3]);
      } else {
        expect(result.firstPosition).toBeGreaterThan(base);
        expect([read[0]?.position, read[2]?.position]).toEqual([result.firstPosition, result.lastPosition]);
        expectAscending(read.map((e) => e.position));
      }
      expect(read[0]?.metadata).toEqual({ by: 'contract' });
      expect(read[0]?.recordedAt).toBeInstanceOf(Date);
      expect(await store.streamRevision(s('p-1'))).toBe(2);
      expect(await store.streamRevision(s('nobody'))).toBeUndefined();
    });

    it('reads several streams whole at once, each in revision order, in the order asked', async () => {
      await store.appendMany([
        { streamId: s('c-2'), events: events(3), expectedRevision: 'no-stream' },
        { streamId: s('c-1'), events: events(2), expectedRevision: 'no-stream' },
      ]);
      await store.append({ streamId: s('c-1'), events: events(1), expectedRevision: 1 });
      const read = await store.readStreams([s('c-1'), s('nobody'), s('c-2')]);
      expect(read.map((stream) => stream.map((e) => [e.streamId, e.revision]))).toEqual([
        [[s('c-1'), 0], [s('c-1'), 1], [s('c-1'), 2]],
        [],
        [[s('c-2'), 0], [s('c-2'), 1], [s('c-2'), 2]],
      ]);
      expect(read[0]?.map((e) => e.eventId)).toEqual(ids(await store.readStream(s('c-1'))));
      expect(await store.readStreams([])).toEqual([]);
    });

    it('rejects a wrong expected revision and records nothing', async () => {
      await store.append({ streamId: s('p-1'), events: events(2), expectedRevision: 'no-stream' });
      await expect(store.append({ streamId: s('p-1'), events: events(1), expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      const err = await store.append({ streamId: s('p-1'), events: events(1), expectedRevision: 0 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WrongExpectedRevisionError);
      expect(err).toMatchObject({ streamId: s('p-1'), expected: 0, actual: 1 });
      await expect(store.append({ streamId: s('p-2'), events: events(1), expectedRevision: 4 })).rejects.toMatchObject({ actual: undefined });
      expect(await store.readAll({ after: base })).toHaveLength(2);
      expect(await store.append({ streamId: s('p-1'), events: events(1), expectedRevision: 1 })).toMatchObject({ revision: 2 });
      expect(await store.append({ streamId: s('p-1'), events: events(1), expectedRevision: 'any' })).toMatchObject({ revision: 3 });
    });

    it('lets exactly one of two appends at the same expected revision win, losing nothing', async () => {
      await store.append({ streamId: s('p-1'), events: events(1), expectedRevision: 'no-stream' });
      const a = newEvent('A');
      const b = newEvent('B');
      const outcomes = await Promise.allSettled([
        store.append({ streamId: s('p-1'), events: [a], expectedRevision: 0 }),
        store.append({ streamId: s('p-1'), events: [b], expectedRevision: 0 }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
      const stream = await store.readStream(s('p-1'));
      expect(stream).toHaveLength(2);
      const winner = outcomes[0]?.status === 'fulfilled' ? a : b;
      expect(stream[1]?.eventId).toBe(winner.eventId);
    });

    it('races two first appends to a new stream into one winner and one conflict', async () => {
      const outcomes = await Promise.allSettled([
        store.append({ streamId: s('fresh'), events: events(1), expectedRevision: 'no-stream' }),
        store.append({ streamId: s('fresh'), events: events(1), expectedRevision: 'no-stream' }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(s('fresh'))).toHaveLength(1);
    });

    it('answers each of many concurrent single appends on its own: a wrong revision or a used event id fails only its own', async () => {
      await store.append({ streamId: s('used'), events: [newEvent()], expectedRevision: 'no-stream' });
      const [usedEvent] = await store.readStream(s('used'));
      const requests = Array.from({ length: 30 }, (_, i) => {
        if (i % 10 === 3) return { streamId: s(`c-${i}`), events: events(1), expectedRevision: 5 as const }; // wrong revision
        if (i % 10 === 7) return { streamId: s(`c-${i}`), events: [{ ...newEvent(), eventId: usedEvent?.eventId ?? '' }], expectedRevision: 'no-stream' as const };
        return { streamId: s(`c-${i}`), events: events(2), expectedRevision: 'no-stream' as const };
      });
      const outcomes = await Promise.allSettled(requests.map((r) => store.append(r)));
      // Where event ids are unique only within a stream, reusing one in another stream is allowed.
      const fails = (i: number) => i % 10 === 3 || (i % 10 === 7 && store.capabilities.eventIdsUniqueAcrossStreams);
      outcomes.forEach((o, i) => {
        if (!fails(i)) expect(o.status === 'fulfilled' && o.value).toMatchObject({ streamId: s(`c-${i}`), revision: requests[i]!.events.length - 1, replayed: false });
        else expect(o.status === 'rejected' && o.reason).toBeInstanceOf(i % 10 === 3 ? WrongExpectedRevisionError : DuplicateEventError);
      });
      const written = await store.readAll({ after: base, limit: 1000 });
      expect(written.filter((e) => e.streamId !== s('used')).map((e) => e.eventId).sort()).toEqual(
        requests.filter((_, i) => !fails(i)).flatMap((r) => r.events.map((e) => e.eventId)).sort(),
      );
    });

    it('records nothing the second time an idempotency key is used and returns the first result', async () => {
      const k = (key: string) => `${ns}${key}`;
      const first = await store.append({ streamId: s('p-1'), events: events(2), expectedRevision: 'no-stream', idempotencyKey: k('k-1') });
      const again = await store.append({ streamId: s('p-1'), events: events(2), expectedRevision: 'no-stream', idempotencyKey: k('k-1') });
      expect(again).toEqual({ ...first, replayed: true });
      expect(await store.findIdempotentResult(k('k-1'))).toEqual({ ...first, replayed: true });
      expect(await store.findIdempotentResult(k('k-unused'))).toBeUndefined();
      const concurrent = await Promise.all([1, 2, 3].map(() => store.append({ streamId: s('p-2'), events: events(1), expectedRevision: 'any', idempotencyKey: k('k-2') })));
      expect(new Set(concurrent.map((r) => r.firstPosition)).size).toBe(1);
      expect(await store.readAll({ after: base })).toHaveLength(3);
    });

    it('refuses an event id already recorded in its stream, or anywhere where ids are unique across streams', async () => {
      const e = newEvent();
      await store.append({ streamId: s('p-1'), events: [e], expectedRevision: 'no-stream' });
      await expect(store.append({ streamId: s('p-1'), events: [newEvent(), e], expectedRevision: 0 })).rejects.toBeInstanceOf(DuplicateEventError);
      await expect(store.append({ streamId: s('p-1'), events: [newEvent(), e], expectedRevision: 'any' })).rejects.toBeInstanceOf(DuplicateEventError);
      const twice = newEvent();
      await expect(store.append({ streamId: s('p-3'), events: [twice, twice], expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(DuplicateEventError);
      expect(await store.readStream(s('p-1'))).toHaveLength(1);
      expect(await store.readStream(s('p-3'))).toEqual([]);
      if (store.capabilities.eventIdsUniqueAcrossStreams) {
        await expect(store.append({ streamId: s('p-2'), events: [newEvent(), e], expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(DuplicateEventError);
        expect(await store.readStream(s('p-2'))).toEqual([]);
      }
      expect(await store.existingEventIds([{ eventId: e.eventId, streamId: s('p-1') }, { eventId: randomUUID(), streamId: s('p-2') }])).toEqual(new Set([e.eventId]));
    });

    it('appends many streams atomically: one conflict records none of the batch', async () => {
      await store.append({ streamId: s('p-1'), events: events(1), expectedRevision: 'no-stream' });
      await expect(
        store.appendMany([
          { streamId: s('p-2'), events: events(2), expectedRevision: 'no-stream' },
          { streamId: s('p-1'), events: events(1), expectedRevision: 'no-stream' },
        ]),
      ).rejects.toMatchObject({ streamId: s('p-1') });
      expect(await store.readAll({ after: base })).toHaveLength(1);
      const results = await store.appendMany([
        { streamId: s('p-3'), events: events(2), expectedRevision: 'no-stream' },
        { streamId: s('p-1'), events: events(1), expectedRevision: 0 },
      ]);
      expect(results.map((r) => [r.streamId, r.revision])).toEqual([[s('p-3'), 1], [s('p-1'), 1]]);
      const all = await store.readAll({ after: base });
      if (gapless()) expect(all.map((e) => e.position)).toEqual([1, 2, 3, 4]);
      else {
        expect(all).toHaveLength(4);
        expectAscending(all.map((e) => e.position));
      }
    });

    it('reads all in global order from a position, in pages, and lists streams', async () => {
      for (const id of ['b', 'a', 'c']) await store.append({ streamId: s(id), events: events(2), expectedRevision: 'no-stream' });
      const page1 = await store.readAll({ after: base, limit: 4 });
      const page2 = await store.readAll({ after: page1.at(-1)?.position, limit: 4 });
      const both = [...page1, ...page2];
      if (gapless()) expect(both.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6]);
      else {
        expect(both).toHaveLength(6);
        expect(new Set(ids(both)).size).toBe(6);
        expectAscending(both.map((e) => e.position));
      }
      expect(page1.map((e) => e.streamId)).toEqual([s('b'), s('b'), s('a'), s('a')]);
      expect(await store.headPosition()).toBe(gapless() ? 6 : both.at(-1)?.position);
      const streams = await store.listStreams({ after: ns, limit: 2 });
      expect(streams.map((x) => [x.streamId, x.revision])).toEqual([[s('a'), 1], [s('b'), 1]]);
      expect((await store.listStreams({ after: s('b') })).map((x) => x.streamId).filter((id) => id.startsWith(ns))).toEqual([s('c')]);
    });

    it('counts the events after a position, up to a cap', async () => {
      await store.append({ streamId: s('p-1'), events: events(3), expectedRevision: 'no-stream' });
      await store.append({ streamId: s('p-2'), events: events(2), expectedRevision: 'no-stream' });
      const all = await store.readAll({ after: base });
      expect(await store.countAfter(base)).toBe(5);
      expect(await store.countAfter(base, 3)).toBe(3);
      expect(await store.countAfter(all[2]?.position as number)).toBe(2);
      expect(await store.countAfter(await store.headPosition())).toBe(0);
    });

    it('catches a subscriber up, then delivers live appends', async () => {
      await store.append({ streamId: s('p-1'), events: events(3), expectedRevision: 'no-stream' });
      const p1 = await store.readStream(s('p-1'));
      // Where positions count events, start after the first; elsewhere one append's events may share
      // a position, so start before the stream.
      const seen = firstValueFrom(store.subscribeToAll({ after: gapless() ? 1 : base }).pipe(take(gapless() ? 4 : 5), toArray()));
      await store.append({ streamId: s('p-2'), events: events(2), expectedRevision: 'no-stream' });
      const got = await seen;
      const p2 = await store.readStream(s('p-2'));
      if (gapless()) expect(got.map((e) => e.position)).toEqual([2, 3, 4, 5]);
      else {
        expect(ids(got)).toEqual(ids([...p1, ...p2]));
        expectAscending(got.map((e) => e.position));
      }
    });

    it('gives a live subscriber every event exactly once, in order, with 8 concurrent writers', async () => {
      const writers = 8;
      const perWriter = 40;
      const total = writers * perWriter;
      const received: StoredEvent[] = [];
      const done = firstValueFrom(store.subscribeToAll({ after: base, batchSize: 25 }).pipe(take(total), toArray()));
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter; i += 2) {
            await store.append({ streamId: s(`w-${w}-${i % 3}`), events: events(2), expectedRevision: 'any' });
          }
        }),
      );
      received.push(...(await done));
      if (gapless()) expect(received.map((e) => e.position)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      else expectAscending(received.map((e) => e.position));
      expect(new Set(received.map((e) => e.eventId)).size).toBe(total);
      const perStream = new Map<string, number[]>();
      for (const e of received) perStream.set(e.streamId, [...(perStream.get(e.streamId) ?? []), e.revision]);
      for (const revisions of perStream.values()) expect(revisions).toEqual(revisions.map((_, i) => i));
    });
  });
}

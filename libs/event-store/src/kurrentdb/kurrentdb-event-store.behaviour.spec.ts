import type { AllStreamResolvedEvent, AppendStreamRequest, MultiAppendResult, ReadAllOptions, ReadStreamOptions, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { firstValueFrom, take, toArray } from 'rxjs';
import { newEvent } from '../contract/event-store.contract.js';
import { StoreRequestError, StoreUnavailableError } from '../errors.js';
import { FakeKurrentClient } from './fake-kurrent-client.js';
import { COMPLETED } from './idempotency-records.js';
import { kurrent } from './kurrent-client.js';
import { TOO_OLD } from './kurrent-errors.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';

const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details });
const openOver = (client: FakeKurrentClient) => KurrentDbEventStore.open('kurrentdb://admin:secret@fake:2113', { connect: () => client, resubscribeDelayMs: { first: 1, max: 5 } });

describe('KurrentDB adapter: start-up', () => {
  it('names the address, without credentials, when the server cannot be reached', async () => {
    const failure = await KurrentDbEventStore.open('kurrentdb://admin:secret@127.0.0.1:1?tls=false').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect((failure as Error).message).toMatch(/^The event store at 127\.0\.0\.1:1 cannot be reached: /);
    expect((failure as Error).message).not.toMatch(/secret|UNAVAILABLE/);
  });

  it('refuses a server without multi-stream appends (older than 25.1)', async () => {
    const client = new FakeKurrentClient();
    client.appendFailures.push(grpcError(12, 'UNIMPLEMENTED: unknown service kurrentdb.protocol.v2.streams.StreamsService'));
    const failure = await openOver(client).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect((failure as Error).message).toBe(`The event store at fake:2113 cannot be reached: ${TOO_OLD}`);
    expect(client.disposed).toBe(true);
  });

  it('gives up after the start-up deadline when the server does not answer', async () => {
    class Silent extends FakeKurrentClient {
      override readAll(_options?: ReadAllOptions): AsyncIterableIterator<AllStreamResolvedEvent> {
        return { next: () => new Promise(() => undefined), [Symbol.asyncIterator]() { return this; } } as AsyncIterableIterator<AllStreamResolvedEvent>;
      }
    }
    const failure = KurrentDbEventStore.open('kurrentdb://fake:2113', { connect: () => new Silent(), startupTimeoutMs: 30 });
    await expect(failure).rejects.toThrow('The event store at fake:2113 cannot be reached: no answer within 30 ms');
  });

  it('records nothing with its probe', async () => {
    const client = new FakeKurrentClient();
    const store = await openOver(client);
    expect(client.log.filter((r) => !r.streamId.startsWith('$'))).toEqual([]);
    await store.close();
  });
});

describe('KurrentDB adapter: appends', () => {
  it('rebuilds an idempotent result from its claim when the result itself was never recorded', async () => {
    class NoCompletions extends FakeKurrentClient {
      override multiStreamAppend(requests: AppendStreamRequest[]): Promise<MultiAppendResult> {
        if (requests.every((r) => r.events.every((e) => e.type === COMPLETED))) return Promise.reject(new kurrent.UnavailableError());
        return super.multiStreamAppend(requests);
      }
    }
    const store = await openOver(new NoCompletions());
    await store.append({ streamId: 'p-0', events: [newEvent()], expectedRevision: 'no-stream' });
    const first = await store.append({ streamId: 'p-1', events: [newEvent(), newEvent()], expectedRevision: 'no-stream', idempotencyKey: 'k' });
    expect(first.firstPosition).toBeLessThan(first.lastPosition);
    expect(await store.findIdempotentResult('k')).toEqual({ ...first, replayed: true });
    expect(await store.append({ streamId: 'p-1', events: [newEvent()], expectedRevision: 1, idempotencyKey: 'k' })).toEqual({ ...first, replayed: true });
    await store.close();
  });

  it('answers with the first result when the same key lands between its key check and its read', async () => {
    let meanwhile: (() => Promise<unknown>) | undefined;
    class Interleaving extends FakeKurrentClient {
      override async *readStream(streamName: string, options?: ReadStreamOptions): AsyncIterableIterator<ResolvedEvent> {
        const other = streamName === 'p-1' ? meanwhile : undefined;
        if (other) meanwhile = undefined;
        await other?.();
        yield* super.readStream(streamName, options);
      }
    }
    const store = await openOver(new Interleaving());
    await store.append({ streamId: 'p-1', events: [newEvent()], expectedRevision: 'no-stream' });
    const retry = { streamId: 'p-1', events: [newEvent()], expectedRevision: 0, idempotencyKey: 'k' } as const;
    let first: unknown;
    meanwhile = async () => (first = await store.append({ ...retry, events: [newEvent()] }));
    expect(await store.append(retry)).toEqual({ ...(first as object), replayed: true });
    expect(await store.readStream('p-1')).toHaveLength(2);
    await store.close();
  });

  it("retries 'any' appends that lose a race, so none of them fails", async () => {
    const store = await openOver(new FakeKurrentClient());
    await store.append({ streamId: 'p-1', events: [newEvent()], expectedRevision: 'no-stream' });
    const results = await Promise.all([1, 2, 3, 4].map(() => store.append({ streamId: 'p-1', events: [newEvent()], expectedRevision: 'any' })));
    expect(results.map((r) => r.revision).sort()).toEqual([1, 2, 3, 4]);
    expect(await store.readStream('p-1')).toHaveLength(5);
    await store.close();
  });

  it('reports an unreachable server as such, and records an empty append as nothing', async () => {
    const client = new FakeKurrentClient();
    const store = await openOver(client);
    const before = await store.append({ streamId: 'p-1', events: [newEvent()], expectedRevision: 'no-stream' });
    client.appendFailures.push(grpcError(14, 'UNAVAILABLE: No connection established'));
    await expect(store.append({ streamId: 'p-1', events: [newEvent()], expectedRevision: 0 })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.append({ streamId: 'p-1', events: [], expectedRevision: 'any' })).toEqual({ streamId: 'p-1', revision: 0, firstPosition: before.lastPosition, lastPosition: before.lastPosition, replayed: false });
    await expect(store.appendMany([{ streamId: 'p-1', events: [], expectedRevision: 'any' }, { streamId: 'p-1', events: [], expectedRevision: 'any' }])).rejects.toThrow(/at most once/);
    await store.close();
  });
});

describe('KurrentDB adapter: reads', () => {
  it('never ends a page inside one append’s commit position', async () => {
    const store = await openOver(new FakeKurrentClient({ sharedCommits: true }));
    await store.append({ streamId: 'x', events: [newEvent(), newEvent(), newEvent()], expectedRevision: 'no-stream' });
    await store.append({ streamId: 'y', events: [newEvent(), newEvent()], expectedRevision: 'no-stream' });
    expect((await store.readAll({ limit: 2 })).map((e) => e.streamId)).toEqual(['x', 'x', 'x']);
    const page = await store.readAll({ limit: 4 });
    expect(page.map((e) => e.streamId)).toEqual(['x', 'x', 'x']);
    expect((await store.readAll({ after: page.at(-1)?.position, limit: 4 })).map((e) => e.streamId)).toEqual(['y', 'y']);
    await store.close();
  });

  it('keeps a subscriber going through a dropped subscription, each event once', async () => {
    const client = new FakeKurrentClient();
    const store = await openOver(client);
    const seen = firstValueFrom(store.subscribeToAll().pipe(take(4), toArray()));
    await store.append({ streamId: 'p-1', events: [newEvent(), newEvent()], expectedRevision: 'no-stream' });
    await new Promise((r) => setTimeout(r, 5));
    client.dropSubscriptions();
    await store.append({ streamId: 'p-2', events: [newEvent(), newEvent()], expectedRevision: 'no-stream' });
    const events = await seen;
    expect(events.map((e) => [e.streamId, e.revision])).toEqual([['p-1', 0], ['p-1', 1], ['p-2', 0], ['p-2', 1]]);
    await store.close();
  });

  it('completes subscriptions when the store closes', async () => {
    const store = await openOver(new FakeKurrentClient());
    const all = firstValueFrom(store.subscribeToAll().pipe(toArray()));
    await store.close();
    expect(await all).toEqual([]);
  });

  it('says how to turn on the $streams projection when it is missing', async () => {
    const store = await openOver(new FakeKurrentClient({ systemProjections: false }));
    expect(await store.listStreams()).toEqual([]);
    await store.append({ streamId: 'p-1', events: [newEvent()], expectedRevision: 'no-stream' });
    const failure = await store.listStreams().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreRequestError);
    expect((failure as Error).message).toMatch(/KURRENTDB_RUN_PROJECTIONS=System, KURRENTDB_START_STANDARD_PROJECTIONS=true/);
    await store.close();
  });

  it('lists streams by id with their first and last times, hiding its own', async () => {
    const store = await openOver(new FakeKurrentClient());
    await store.append({ streamId: 'b', events: [newEvent()], expectedRevision: 'no-stream', idempotencyKey: 'k' });
    await store.append({ streamId: 'a', events: [newEvent()], expectedRevision: 'no-stream' });
    await store.append({ streamId: 'a', events: [newEvent()], expectedRevision: 0 });
    const [a, b] = await store.listStreams();
    expect([a?.streamId, a?.revision, b?.streamId, b?.revision]).toEqual(['a', 1, 'b', 0]);
    expect(a?.updatedAt.getTime()).toBeGreaterThanOrEqual(a?.createdAt.getTime() as number);
    expect(await store.listStreams({ after: 'b' })).toEqual([]);
    await store.close();
  });
});

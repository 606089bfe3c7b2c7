import { randomUUID } from 'node:crypto';
import { eventStoreContract, newEvent } from '../contract/event-store.contract.js';
import { FakeKurrentClient, type FakeKurrentOptions } from './fake-kurrent-client.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';

/**
 * The adapter's own logic (appends, idempotency, paging, listing, subscriptions) held to the
 * contract over an in-memory stand-in for the server: what no server on this machine can check.
 */
const overFake = (options: FakeKurrentOptions, earlierStreams: readonly string[] = []) => async () => {
  const store = await KurrentDbEventStore.open('kurrentdb://fake:2113', { connect: () => new FakeKurrentClient(options) });
  for (const streamId of earlierStreams) await store.append({ streamId, events: [newEvent(), newEvent()], expectedRevision: 'any', idempotencyKey: streamId });
  return store;
};

eventStoreContract('KurrentDB adapter over a fake client', overFake({}));
eventStoreContract('KurrentDB adapter over a fake client, one commit position per append', overFake({ sharedCommits: true }));
// As on a shared server: earlier tests' streams and keys around, the contract's under a fresh prefix.
eventStoreContract('KurrentDB adapter over a fake client already in use', overFake({ sharedCommits: true }, ['a', 'contract-', 'zz']), {
  namespace: () => `contract-${randomUUID().slice(0, 8)}-`,
});

import { randomUUID } from 'node:crypto';
import { eventStoreContract } from '../contract/event-store.contract.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';

/**
 * The contract against a real KurrentDB (25.1 or later, system projections on), e.g.
 * KURRENTDB_URL='kurrentdb://127.0.0.1:2113?tls=false'. A KurrentDB cannot be emptied between
 * tests, so each test writes under a fresh stream prefix and reads the log from where it started.
 */
const url = process.env['KURRENTDB_URL'];
const SKIPPED = 'skipped: set KURRENTDB_URL=kurrentdb://… to run the contract suite against KurrentDB';

if (url) {
  eventStoreContract('KurrentDB', () => KurrentDbEventStore.open(url), { namespace: () => `contract-${randomUUID().slice(0, 8)}-` });
} else {
  console.info(`KurrentDB contract ${SKIPPED}`);
  it.skip(SKIPPED, () => undefined);
}

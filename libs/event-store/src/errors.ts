import type { ExpectedRevision } from './event-store.port.js';

/** Errors every adapter raises in the same shape, whatever the store underneath says. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | undefined,
  ) {
    super(`Stream ${streamId} is at ${actual === undefined ? 'no revision (it does not exist)' : `revision ${actual}`}, not ${expected === 'no-stream' ? 'absent' : `revision ${expected}`} as expected; reload and retry`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class DuplicateEventError extends EventStoreError {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(readonly eventId: string) {
    super(`An event with id ${eventId} is already recorded`);
    this.name = 'DuplicateEventError';
  }
}

export class StoreUnavailableError extends EventStoreError {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(readonly address: string, cause: unknown) {
    super(`The event store at ${address} cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StoreUnavailableError';
  }
}

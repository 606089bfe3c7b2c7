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
  constructor(
    readonly address: string,
    cause: unknown,
    /** The setting the address came from, so a start-up failure says what to fix. */
    readonly setting?: string,
  ) {
    super(`The ${setting === 'DATABASE_URL' ? 'database' : 'event store'} at ${address}${setting ? ` (${setting})` : ''} cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StoreUnavailableError';
  }

  /** The same failure, naming the setting that gave the address. */
  from(setting: string): StoreUnavailableError {
    return new StoreUnavailableError(this.address, this.message.replace(/^.*? cannot be reached: /, ''), setting);
  }
}

/**
 * The store answered, but not with success, for a reason the caller cannot fix by retrying the
 * same request (access denied, request too large, a server too old…). Says what was being done and
 * why, in a short sentence; the store's own error stays on `cause` for the logs.
 */
export class StoreRequestError extends EventStoreError {
  readonly code = 'STORE_REQUEST_FAILED';
  constructor(
    readonly operation: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`The event store could not ${operation}: ${reason}`, options);
    this.name = 'StoreRequestError';
  }
}

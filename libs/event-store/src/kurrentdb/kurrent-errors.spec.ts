import { DuplicateEventError, StoreRequestError, StoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import { kurrent } from './kurrent-client.js';
import { conflictOf, TOO_OLD, toStoreError } from './kurrent-errors.js';

const context = { operation: 'append events', address: '10.0.0.5:2113', expectedOf: () => 0 as const };

/** A gRPC failure as multiStreamAppend rejects with it (not converted by the client). */
const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details });

describe('KurrentDB client errors as the port’s errors', () => {
  it('names the stream of a revision conflict, in either shape the server reports it', () => {
    const wrong = new kurrent.WrongExpectedVersionError(undefined, { streamName: 'p-1', expected: 0n, current: 3n });
    expect(toStoreError(wrong, context)).toEqual(new WrongExpectedRevisionError('p-1', 0, 3));
    const absent = new kurrent.WrongExpectedVersionError(undefined, { streamName: 'p-2', expected: 0n, current: 'no_stream' });
    expect(toStoreError(absent, context)).toMatchObject({ streamId: 'p-2', expected: 0, actual: undefined });
    const violation = new kurrent.AppendConsistencyViolationError(undefined as never, {
      violationsList: [{ checkIndex: 0, streamState: { stream: 'p-3', expectedState: '-1', actualState: '4' } }],
    });
    expect(conflictOf(violation)).toEqual({ streamId: 'p-3', actual: 4 });
    expect(toStoreError(violation, { ...context, expectedOf: () => 'no-stream' })).toEqual(new WrongExpectedRevisionError('p-3', 'no-stream', 4));
  });

  it('says the store is unavailable, naming its address, for connection failures and timeouts', () => {
    for (const e of [new kurrent.UnavailableError(), new kurrent.DeadlineExceededError(), grpcError(14, 'UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED'), grpcError(4, 'DEADLINE_EXCEEDED')]) {
      const mapped = toStoreError(e, context);
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect((mapped as Error).message).toMatch(/^The event store at 10\.0\.0\.5:2113 cannot be reached: /);
      expect((mapped as Error).message).not.toMatch(/UNAVAILABLE|ECONNREFUSED|DEADLINE/);
    }
  });

  it('says what failed, in a short sentence, for anything else the server refuses', () => {
    const denied = toStoreError(new kurrent.AccessDeniedError(), context) as StoreRequestError;
    expect(denied).toBeInstanceOf(StoreRequestError);
    expect(denied).toMatchObject({ code: 'STORE_REQUEST_FAILED', operation: 'append events' });
    expect(denied.message).toBe('The event store could not append events: access denied: check the user and password in KURRENTDB_URL');
    expect(toStoreError(grpcError(12, 'UNIMPLEMENTED: unknown service'), context)).toMatchObject({ reason: TOO_OLD });
    expect(toStoreError(new kurrent.UnsupportedError('multiStreamAppend', '25.1'), context)).toMatchObject({ reason: TOO_OLD });
    const unknown = toStoreError(grpcError(2, 'UNKNOWN: Exception was thrown by handler.'), context) as StoreRequestError;
    expect(unknown.message).toBe('The event store could not append events: unexpected answer from the server (unknown)');
    expect(unknown.cause).toBeInstanceOf(kurrent.UnknownError);
    expect(toStoreError(new kurrent.StreamTombstonedError(undefined as never, { stream: 'p-9' }), context)).toMatchObject({ reason: 'stream p-9 was deleted for good (tombstoned)' });
  });

  it('passes the port’s own errors and errors that are not the client’s through unchanged', () => {
    const duplicate = new DuplicateEventError('e-1');
    expect(toStoreError(duplicate, context)).toBe(duplicate);
    const ours = new RangeError('position out of range');
    expect(toStoreError(ours, context)).toBe(ours);
  });
});

import type { CurrentStreamState } from '@kurrent/kurrentdb-client';
import { EventStoreError, StoreRequestError, StoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type { ExpectedRevision } from '../event-store.port.js';
import { kurrent } from './kurrent-client.js';

export interface ErrorContext {
  /** What was being done, as the end of "could not …". */
  readonly operation: string;
  /** Host and port, never the credentials. */
  readonly address: string;
  /** The revision the caller expected of a stream, for a conflict's message. */
  readonly expectedOf?: (streamId: string) => ExpectedRevision;
}

/**
 * The client's own error for what went wrong. multiStreamAppend rejects with raw gRPC errors when
 * the call itself fails (no connection), so those are converted the way the client does elsewhere.
 */
export const asClientError = (e: unknown): unknown => (e instanceof Error ? kurrent.convertToCommandError(e) : e);

const actualRevision = (state: CurrentStreamState): number | undefined => (typeof state === 'bigint' && state >= 0n ? Number(state) : undefined);

/** The stream whose revision was not the expected one, from either shape of conflict the server reports. */
export function conflictOf(e: unknown): { readonly streamId: string; readonly actual: number | undefined } | undefined {
  const error = asClientError(e);
  if (error instanceof kurrent.WrongExpectedVersionError) return { streamId: error.streamName, actual: actualRevision(error.actualState) };
  if (error instanceof kurrent.AppendConsistencyViolationError) {
    const [violation] = error.violations;
    if (violation) return { streamId: violation.streamName, actual: actualRevision(violation.actualState) };
  }
  return undefined;
}

export const isStreamNotFound = (e: unknown): boolean => asClientError(e) instanceof kurrent.StreamNotFoundError;

const GRPC_UNIMPLEMENTED = 12;
export const TOO_OLD = 'the server does not offer multi-stream appends: KurrentDB 25.1 or later is required';

/** Why the store cannot be reached, in a few words, or undefined when it answered. */
function unreachable(error: unknown): string | undefined {
  if (error instanceof kurrent.UnavailableError) return 'no connection (the server is down, unreachable, or refused it)';
  if (error instanceof kurrent.DeadlineExceededError || error instanceof kurrent.TimeoutError) return 'no answer before the deadline';
  if (error instanceof kurrent.NotLeaderError) return 'the node is not the cluster leader';
  if (error instanceof kurrent.CancelledError) return 'the server cancelled the call';
  return undefined;
}

/** Why the store refused, in a few words. */
function refusal(error: Error): string {
  if (error instanceof kurrent.AccessDeniedError) return 'access denied: check the user and password in KURRENTDB_URL';
  if (error instanceof kurrent.StreamDeletedError) return `stream ${error.streamName} was deleted`;
  if (error instanceof kurrent.StreamTombstonedError) return `stream ${error.stream} was deleted for good (tombstoned)`;
  if (error instanceof kurrent.MaxAppendSizeExceededError || error instanceof kurrent.TransactionMaxSizeExceededError || error instanceof kurrent.AppendRecordSizeExceededError) {
    return 'the append is larger than the server accepts; split it';
  }
  if (error instanceof kurrent.UnsupportedError || (error instanceof kurrent.UnknownError && error.code === GRPC_UNIMPLEMENTED)) return TOO_OLD;
  if (error instanceof kurrent.InvalidArgumentError) return 'the server refused the request as invalid';
  if (error instanceof kurrent.StreamNotFoundError) return `stream ${error.streamName} does not exist`;
  return `unexpected answer from the server (${kurrent.isCommandError(error) ? error.type : error.name})`;
}

/**
 * Any client error as one of the port's errors: a conflict names its stream, an unreachable server
 * its address, anything else what was being done. Never the raw gRPC text (it stays on `cause`).
 * Errors that are not the client's (ours, e.g. a position out of range) pass through as they are.
 */
export function toStoreError(e: unknown, context: ErrorContext): unknown {
  if (e instanceof EventStoreError) return e;
  const error = asClientError(e);
  const conflict = conflictOf(error);
  if (conflict) return new WrongExpectedRevisionError(conflict.streamId, context.expectedOf?.(conflict.streamId) ?? 'any', conflict.actual);
  const down = unreachable(error);
  if (down) return new StoreUnavailableError(context.address, down);
  if (!(error instanceof Error) || !kurrent.isCommandError(error)) return error;
  return new StoreRequestError(context.operation, refusal(error), { cause: error });
}

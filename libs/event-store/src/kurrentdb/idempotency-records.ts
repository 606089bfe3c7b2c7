import { createHash, randomUUID } from 'node:crypto';
import type { AppendResult, NewEvent } from '../event-store.port.js';
import { INTERNAL_STREAM_PREFIX } from './user-streams.js';

/**
 * An idempotency key is a stream of its own, written in the same atomic append as the events it
 * guards with "no stream yet" expected: the first append with a key creates it, any other fails on
 * it. Keys are hashed so any text makes a valid, bounded stream name.
 */
export const claimStreamOf = (idempotencyKey: string): string => `${INTERNAL_STREAM_PREFIX}idempotency-${createHash('sha256').update(idempotencyKey).digest('hex')}`;

export const CLAIMED = 'IdempotencyKeyClaimed';
export const COMPLETED = 'IdempotentAppendCompleted';

/**
 * Revision 0 of a key's stream, written with the events: enough to rebuild the result from the
 * events themselves should the process stop before it records the result (revision 1).
 */
export interface Claim {
  readonly streamId: string;
  readonly firstRevision: number;
  readonly count: number;
  /** Known in advance when the append records no events. */
  readonly result?: AppendResult;
}

export const claimEvent = (claim: Claim): NewEvent => ({ eventId: randomUUID(), type: CLAIMED, data: claim, metadata: {} });

export const completedEvent = (result: AppendResult): NewEvent => ({ eventId: randomUUID(), type: COMPLETED, data: { ...result, replayed: false }, metadata: {} });

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/** The result as the port gives it for a repeated key (numbers normalised, whatever was stored). */
export const replayOf = (r: AppendResult): AppendResult => ({
  streamId: r.streamId,
  revision: num(r.revision),
  firstPosition: num(r.firstPosition),
  lastPosition: num(r.lastPosition),
  replayed: true,
});

import type { AppendStreamState, Position, ReadPosition } from '@kurrent/kurrentdb-client';
import type { ExpectedRevision } from '../event-store.port.js';
import { kurrent } from './kurrent-client.js';

const { NO_STREAM, ANY, START } = kurrent;

/** The port's expected revision in the client's words. */
export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'no-stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

/** A stream revision: KurrentDB counts in unsigned 64 bits, the port in JS numbers. */
export function toRevision(revision: bigint): number {
  if (revision < 0n || revision > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`KurrentDB stream revision ${revision} is outside 0…${Number.MAX_SAFE_INTEGER}`);
  return Number(revision);
}

/**
 * A commit position as the port's `position`. Positions are byte offsets in the log, so a JS
 * number holds them up to 8 PiB of log; past that the adapter refuses rather than round.
 */
export function toPosition(commit: bigint): number {
  if (commit < 0n || commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`KurrentDB log position ${commit} is beyond ${Number.MAX_SAFE_INTEGER}, the largest position this adapter can hand out exactly`);
  }
  return Number(commit);
}

// Older servers answer stream reads with "no position" as -1 read as an unsigned 64-bit number.
const NO_POSITION = 2n ** 63n;

/**
 * The position of an event read from its stream. Servers since 22.6 give the real commit position;
 * older ones give none or max-uint64, and then 0 stands for "unknown" (never a real user event's
 * position: the log starts with the server's own records).
 */
export function streamReadPosition(position: Position | undefined, commitPosition?: bigint): number {
  const commit = position?.commit ?? commitPosition;
  return commit === undefined || commit < 0n || commit >= NO_POSITION ? 0 : toPosition(commit);
}

/** Where an $all read or subscription starts for "after this port position". */
export const readFromPosition = (after: number): ReadPosition => (after > 0 ? { commit: BigInt(after), prepare: BigInt(after) } : START);

/** Log order of two positions: commit first, then prepare. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

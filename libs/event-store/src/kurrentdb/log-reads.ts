import type { Position, ReadStreamOptions, RecordedEvent, ResolvedEvent } from '@kurrent/kurrentdb-client';
import type { StoredEvent } from '../event-store.port.js';
import { toStoredEvent } from './event-codec.js';
import { kurrent, type KurrentClient } from './kurrent-client.js';
import { isStreamNotFound } from './kurrent-errors.js';
import { comparePositions, readFromPosition, toPosition, toRevision } from './revisions.js';
import { isUserEvent, userStreamsFilter } from './user-streams.js';

const { BACKWARDS, END } = kurrent;

/** Reads are drained whole before use, so no client stream is left half-read when a caller stops early. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A stream's recorded events; none when it does not exist. */
export async function readRecorded(client: KurrentClient, streamId: string, options: ReadStreamOptions = {}): Promise<ResolvedEvent[]> {
  try {
    return await collect(client.readStream(streamId, options));
  } catch (e) {
    if (isStreamNotFound(e)) return [];
    throw e;
  }
}

/** The stream's last event, undefined when it does not exist. */
export async function lastEventOf(client: KurrentClient, streamId: string): Promise<RecordedEvent | undefined> {
  return (await readRecorded(client, streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }))[0]?.event;
}

export async function firstEventOf(client: KurrentClient, streamId: string): Promise<RecordedEvent | undefined> {
  return (await readRecorded(client, streamId, { maxCount: 1 }))[0]?.event;
}

/** The stream's revision and the ids it holds (lower case: the server may not keep the caller's case). */
export async function streamContents(client: KurrentClient, streamId: string): Promise<{ revision: number | undefined; ids: Set<string> }> {
  let revision: number | undefined;
  const ids = new Set<string>();
  for (const { event } of await readRecorded(client, streamId)) {
    if (!event) continue;
    ids.add(event.id.toLowerCase());
    revision = toRevision(event.revision);
  }
  return { revision, ids };
}

/** A user event read from $all, with its place in the log. */
export const fromAll = (resolved: ResolvedEvent): { event: StoredEvent; at: Position } | undefined => {
  const recorded = resolved.event;
  const at = recorded?.position ?? (resolved.commitPosition === undefined ? undefined : { commit: resolved.commitPosition, prepare: resolved.commitPosition });
  if (!recorded || !at || !isUserEvent(recorded)) return undefined;
  return { event: toStoredEvent(recorded, toPosition(at.commit)), at };
};

/**
 * User events with a commit position after `after`, in log order, read in pages of `pageSize`.
 * Each page starts at the last event of the one before (a read from a position includes it), and
 * events at or before what was already seen are dropped, so nothing repeats across pages.
 */
export async function* userEventsAfter(client: KurrentClient, after: number, pageSize: number): AsyncGenerator<StoredEvent> {
  const size = Math.max(2, pageSize);
  const afterCommit = BigInt(after);
  let from = readFromPosition(after);
  let seen: Position | undefined;
  for (;;) {
    const page = await collect(client.readAll({ fromPosition: from, maxCount: size, filter: userStreamsFilter() }));
    let last: Position | undefined;
    for (const resolved of page) {
      const at = resolved.event?.position;
      if (!at) continue;
      last = at;
      if (seen && comparePositions(at, seen) <= 0) continue;
      seen = at;
      if (at.commit <= afterCommit) continue;
      const user = fromAll(resolved);
      if (user) yield user.event;
    }
    if (page.length < size || !last) return;
    from = last;
  }
}

/** Commit position of the last user event, 0 for an empty store. */
export async function headOf(client: KurrentClient): Promise<number> {
  const [last] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter: userStreamsFilter() }));
  const commit = last?.event?.position?.commit ?? last?.commitPosition;
  return commit === undefined ? 0 : toPosition(commit);
}

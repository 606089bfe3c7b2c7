import type { AppendStreamRequest, AppendStreamState } from '@kurrent/kurrentdb-client';
import { DuplicateEventError, StoreRequestError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendRequest, AppendResult } from '../event-store.port.js';
import { mapBounded } from './bounded.js';
import { toEventData } from './event-codec.js';
import { claimEvent, claimStreamOf, CLAIMED, completedEvent, COMPLETED, replayOf, type Claim } from './idempotency-records.js';
import { kurrent, type KurrentClient } from './kurrent-client.js';
import { conflictOf } from './kurrent-errors.js';
import { readRecorded, streamContents } from './log-reads.js';
import { streamReadPosition } from './revisions.js';

const { NO_STREAM } = kurrent;
const PARALLEL_READS = 8;
/** Another writer may take an 'any' stream or a key between our read and our append; we then look again. */
const MAX_ATTEMPTS = 5;

/** An append checked against the stream as read, ready to send. */
interface PreparedAppend {
  readonly request: AppendRequest;
  /** Always exact (or no stream): 'any' becomes the revision read, so the check and the write agree. */
  readonly expectedState: AppendStreamState;
  readonly firstRevision: number;
}

/**
 * Appends on KurrentDB: every batch (one stream or many, plus the idempotency keys that guard them)
 * is one multiStreamAppend, atomic across streams (KurrentDB 25.1 and later).
 */
export class Appender {
  constructor(
    private readonly client: KurrentClient,
    private readonly headPosition: () => Promise<number>,
    private readonly onAppended: (streamId: string) => void,
  ) {}

  async appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    const results = new Map<AppendRequest, AppendResult>();
    for (let attempt = 1; ; attempt++) {
      // Keys first, as on PostgreSQL: a used key answers with its first result, whatever else.
      await mapBounded(requests, PARALLEL_READS, async (r) => {
        const earlier = r.idempotencyKey === undefined || results.has(r) ? undefined : await this.findIdempotentResult(r.idempotencyKey);
        if (earlier) results.set(r, earlier);
      });
      const pending = requests.filter((r) => !results.has(r));
      if (pending.length === 0) return requests.map((r) => results.get(r) as AppendResult);
      try {
        const prepared = await mapBounded(pending, PARALLEL_READS, (r) => this.prepare(r));
        const recorded = await this.record(prepared);
        pending.forEach((r, i) => results.set(r, recorded[i] as AppendResult));
        return requests.map((r) => results.get(r) as AppendResult);
      } catch (e) {
        if (attempt >= MAX_ATTEMPTS || !worthAnotherLook(e, pending, attempt)) throw e;
      }
    }
  }

  /**
   * Reads the stream once: to check the caller's expectation, to refuse an event id the stream
   * already holds (the server would store it twice, or take a repeated append as done and record
   * nothing), and to turn 'any' into the revision read. A first append needs no read: the server
   * checks "no stream", and a new stream holds no ids. Ids repeated within the request are refused
   * before anything is read.
   */
  private async prepare(request: AppendRequest): Promise<PreparedAppend> {
    const ids = new Set<string>();
    for (const { eventId } of request.events) {
      if (ids.has(eventId.toLowerCase())) throw new DuplicateEventError(eventId);
      ids.add(eventId.toLowerCase());
    }
    const expected = request.expectedRevision;
    if (expected === 'no-stream' && request.events.length > 0) return { request, expectedState: NO_STREAM, firstRevision: 0 };
    const stored = await streamContents(this.client, request.streamId);
    if ((expected === 'no-stream' && stored.revision !== undefined) || (typeof expected === 'number' && stored.revision !== expected)) {
      throw new WrongExpectedRevisionError(request.streamId, expected, stored.revision);
    }
    const duplicate = request.events.find((e) => stored.ids.has(e.eventId.toLowerCase()));
    if (duplicate) throw new DuplicateEventError(duplicate.eventId);
    return { request, expectedState: stored.revision === undefined ? NO_STREAM : BigInt(stored.revision), firstRevision: (stored.revision ?? -1) + 1 };
  }

  private async record(prepared: readonly PreparedAppend[]): Promise<AppendResult[]> {
    // An append of no events records nothing and reports the head, as PostgreSQL does.
    const head = prepared.some((p) => p.request.events.length === 0) ? await this.headPosition() : 0;
    const known = new Map(prepared.filter((p) => p.request.events.length === 0).map((p) => [p, emptyResult(p, head)]));
    const writes: AppendStreamRequest[] = prepared
      .filter((p) => p.request.events.length > 0)
      .map((p) => ({ streamName: p.request.streamId, expectedState: p.expectedState, events: p.request.events.map(toEventData) }));
    const claims: AppendStreamRequest[] = prepared.flatMap((p) =>
      p.request.idempotencyKey === undefined
        ? []
        : [{ streamName: claimStreamOf(p.request.idempotencyKey), expectedState: NO_STREAM, events: [toEventData(claimEvent(claimOf(p, known.get(p))))] }],
    );
    if (writes.length + claims.length === 0) return prepared.map((p) => known.get(p) as AppendResult);
    const appended = await this.client.multiStreamAppend([...writes, ...claims]);
    for (const w of writes) this.onAppended(w.streamName);
    const fallback = streamReadPosition(undefined, appended.position);
    const results = await mapBounded(prepared, PARALLEL_READS, async (p) => {
      const count = p.request.events.length;
      const approximate = { streamId: p.request.streamId, revision: p.firstRevision + count - 1, firstPosition: fallback, lastPosition: fallback, replayed: false };
      // Should the read back fail, the append is recorded all the same: the batch's position stands for both ends.
      return known.get(p) ?? (await this.resultOf(p.request.streamId, p.firstRevision, count, fallback).catch(() => approximate));
    });
    await this.recordCompletions(prepared, results);
    return results;
  }

  /**
   * The result of a recorded append: multiStreamAppend answers one position for the whole batch,
   * so each stream's new events are read back for theirs.
   */
  private async resultOf(streamId: string, firstRevision: number, count: number, fallback: number): Promise<AppendResult> {
    const revision = firstRevision + count - 1;
    const events = await readRecorded(this.client, streamId, { fromRevision: BigInt(firstRevision), maxCount: count });
    if (events.length !== count) throw new StoreRequestError('find the events of an append', `stream ${streamId} lacks revisions ${firstRevision}…${revision}`);
    const position = (e: (typeof events)[number] | undefined) => streamReadPosition(e?.event?.position, e?.commitPosition) || fallback;
    return { streamId, revision, firstPosition: position(events[0]), lastPosition: position(events[events.length - 1]), replayed: false };
  }

  /** Best effort: a key without its result is rebuilt from its claim and the events (see findIdempotentResult). */
  private async recordCompletions(prepared: readonly PreparedAppend[], results: readonly AppendResult[]): Promise<void> {
    const completions: AppendStreamRequest[] = prepared.flatMap((p, i) =>
      p.request.idempotencyKey === undefined || p.request.events.length === 0
        ? []
        : [{ streamName: claimStreamOf(p.request.idempotencyKey), expectedState: 0n, events: [toEventData(completedEvent(results[i] as AppendResult))] }],
    );
    if (completions.length > 0) await this.client.multiStreamAppend(completions).catch(() => undefined);
  }

  async findIdempotentResult(idempotencyKey: string): Promise<AppendResult | undefined> {
    const records = (await readRecorded(this.client, claimStreamOf(idempotencyKey), { maxCount: 2 })).flatMap((r) => (r.event ? [r.event] : []));
    const completed = records.find((r) => r.type === COMPLETED);
    if (completed) return replayOf(completed.data as unknown as AppendResult);
    const claimed = records.find((r) => r.type === CLAIMED);
    if (!claimed) return undefined;
    const claim = claimed.data as unknown as Claim;
    if (claim.result) return replayOf(claim.result);
    // The process stopped between the append and its result: the claim and the events tell it.
    const fallback = streamReadPosition(claimed.position);
    return replayOf(await this.resultOf(claim.streamId, claim.firstRevision, claim.count, fallback));
  }
}

const emptyResult = (p: PreparedAppend, head: number): AppendResult => ({
  streamId: p.request.streamId,
  revision: p.firstRevision - 1,
  firstPosition: head,
  lastPosition: head,
  replayed: false,
});

const claimOf = (p: PreparedAppend, known: AppendResult | undefined): Claim => ({
  streamId: p.request.streamId,
  firstRevision: p.firstRevision,
  count: p.request.events.length,
  ...(known && { result: known }),
});

/**
 * Whether to look again after a failed attempt: another append may have taken a stream the caller
 * did not pin ('any', read again next time), or used one of the batch's keys (its result is then
 * the answer) between our reads and our write. A conflict seen in our own read is looked at again
 * once, for the keys; the server's are retried up to MAX_ATTEMPTS.
 */
function worthAnotherLook(e: unknown, pending: readonly AppendRequest[], attempt: number): boolean {
  const keyed = pending.some((r) => r.idempotencyKey !== undefined);
  if (e instanceof WrongExpectedRevisionError || e instanceof DuplicateEventError) return keyed && attempt === 1;
  const conflict = conflictOf(e);
  return conflict !== undefined && (keyed || pending.some((r) => r.streamId === conflict.streamId && r.expectedRevision === 'any'));
}

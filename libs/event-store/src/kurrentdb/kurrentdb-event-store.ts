import { randomUUID } from 'node:crypto';
import { ReplaySubject, type Observable } from 'rxjs';
import { EventStoreError, StoreRequestError, StoreUnavailableError } from '../errors.js';
import type { AppendRequest, AppendResult, EventRef, EventStore, ExpectedRevision, ReadAllOptions, StoreCapabilities, StoredEvent, StreamSummary, SubscribeOptions } from '../event-store.port.js';
import { Appender } from './appender.js';
import { mapBounded, withDeadline } from './bounded.js';
import { takeWholeCommits } from './commit-pages.js';
import { addressOf } from './connection-string.js';
import { toEventData, toStoredEvent } from './event-codec.js';
import { followAll } from './follow-all.js';
import { connectKurrent, type KurrentClient } from './kurrent-client.js';
import { conflictOf, toStoreError } from './kurrent-errors.js';
import { firstEventOf, fromAll, headOf, lastEventOf, readRecorded, streamContents, userEventsAfter } from './log-reads.js';
import { streamReadPosition, toRevision } from './revisions.js';
import { StreamDirectory } from './stream-directory.js';
import { INTERNAL_STREAM_PREFIX, userStreamsFilter } from './user-streams.js';

const PARALLEL_READS = 8;
const MAX_PAGE = 4096;
const MISSING_STREAMS =
  'the $streams system stream is missing: run KurrentDB with system projections (KURRENTDB_RUN_PROJECTIONS=System, KURRENTDB_START_STANDARD_PROJECTIONS=true)';

export interface KurrentDbOptions {
  /** How long start-up waits for the server to answer (default 5 s). */
  readonly startupTimeoutMs?: number;
  /** Pause before a dropped subscription is opened again, doubling up to `max` (default 100 ms…5 s). */
  readonly resubscribeDelayMs?: { readonly first: number; readonly max: number };
  /** Builds the client from the connection string (tests stand in a fake). */
  readonly connect?: (url: string) => KurrentClient;
}

/**
 * The event store on KurrentDB (25.1 or later: appends use its atomic multi-stream append).
 * Positions are commit positions in its log: increasing, not gapless, and one append's events may
 * share one. Event ids are unique within their stream only.
 */
export class KurrentDbEventStore implements EventStore {
  readonly capabilities: StoreCapabilities = { gaplessPositions: false, eventIdsUniqueAcrossStreams: false };
  private readonly closing = new ReplaySubject<void>(1);
  private readonly directory: StreamDirectory;
  private readonly appender: Appender;
  private closed = false;

  private constructor(
    private readonly client: KurrentClient,
    readonly address: string,
    private readonly options: KurrentDbOptions,
  ) {
    this.directory = new StreamDirectory(client);
    this.appender = new Appender(client, () => headOf(client), (streamId) => this.directory.noteAppended(streamId));
  }

  /** Connects and checks, within a few seconds, that the server answers and is recent enough. */
  static async open(url: string, options: KurrentDbOptions = {}): Promise<KurrentDbEventStore> {
    const address = addressOf(url);
    let client: KurrentClient;
    try {
      client = (options.connect ?? connectKurrent)(url);
    } catch {
      // The client's message may quote the connection string, password included.
      throw new StoreUnavailableError(address, 'the connection string is not valid');
    }
    const store = new KurrentDbEventStore(client, address, options);
    const ms = options.startupTimeoutMs ?? 5000;
    try {
      await withDeadline(store.checkServer(), ms, () => new StoreUnavailableError(address, `no answer within ${ms} ms`));
    } catch (e) {
      await client.dispose().catch(() => undefined);
      if (e instanceof StoreUnavailableError) throw e;
      throw new StoreUnavailableError(address, e instanceof StoreRequestError ? e.reason : e instanceof EventStoreError ? e.message : 'unexpected answer at start-up');
    }
    return store;
  }

  /**
   * Reads the head (reads work, filters included) and sends a multi-stream append that cannot
   * succeed, revision 0 of a stream that does not exist: a recent server answers with a conflict
   * and records nothing, an older one does not know the call.
   */
  private async checkServer(): Promise<void> {
    const probe = { streamName: `${INTERNAL_STREAM_PREFIX}probe-${randomUUID()}`, expectedState: 0n, events: [toEventData({ eventId: randomUUID(), type: 'Probe', data: {}, metadata: {} })] };
    const context = { operation: 'check the server', address: this.address };
    await Promise.all([
      headOf(this.client).catch((e: unknown) => {
        throw toStoreError(e, context);
      }),
      this.client.multiStreamAppend([probe]).then(
        () => undefined,
        (e: unknown) => {
          if (!conflictOf(e)) throw toStoreError(e, context);
        },
      ),
    ]);
  }

  append(request: AppendRequest): Promise<AppendResult> {
    return this.appendMany([request]).then(([result]) => result as AppendResult);
  }

  async appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    if (requests.length === 0) return [];
    if (new Set(requests.map((r) => r.streamId)).size !== requests.length) throw new Error('appendMany takes each stream at most once per call');
    const expectedOf = (streamId: string): ExpectedRevision => requests.find((r) => r.streamId === streamId)?.expectedRevision ?? 'any';
    return this.guard('append events', () => this.appender.appendMany(requests), expectedOf);
  }

  /** Positions come from the events (0 where an old server gives none: see streamReadPosition). */
  readStream(streamId: string, options: { fromRevision?: number; limit?: number } = {}): Promise<StoredEvent[]> {
    return this.guard('read a stream', async () => {
      if (options.limit !== undefined && options.limit <= 0) return [];
      const read = await readRecorded(this.client, streamId, { fromRevision: BigInt(Math.max(0, options.fromRevision ?? 0)), ...(options.limit !== undefined && { maxCount: options.limit }) });
      return read.flatMap(({ event, commitPosition }) => (event ? [toStoredEvent(event, streamReadPosition(event.position, commitPosition))] : []));
    });
  }

  /** KurrentDB reads a stream at a time; they go out together. */
  readStreams(streamIds: readonly string[]): Promise<StoredEvent[][]> {
    return Promise.all(streamIds.map((id) => this.readStream(id)));
  }

  /** A page may stop short of `limit`, never inside one commit (see takeWholeCommits). */
  readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const limit = options.limit ?? 1000;
    // One read gives the page, the event that tells whether its last commit goes on, and the one the start repeats.
    return this.guard('read the log', () => takeWholeCommits(userEventsAfter(this.client, options.after ?? 0, Math.min(limit + 2, MAX_PAGE)), limit));
  }

  /** The server pushes events as they come, so `batchSize` has nothing to size here. */
  subscribeToAll(options: SubscribeOptions = {}): Observable<StoredEvent> {
    return followAll({
      after: options.after ?? 0,
      open: (from) => this.client.subscribeToAll({ fromPosition: from, filter: userStreamsFilter() }),
      decode: fromAll,
      closed: this.closing,
      fail: (e) => toStoreError(e, { operation: 'follow the log', address: this.address }),
      ...(this.options.resubscribeDelayMs && { retryDelayMs: this.options.resubscribeDelayMs }),
    });
  }

  listStreams(options: { after?: string; limit?: number } = {}): Promise<StreamSummary[]> {
    return this.guard('list streams', async () => {
      if (!(await this.directory.refresh()) && (await this.headPosition()) > 0) throw new StoreRequestError('list streams', MISSING_STREAMS);
      const ids = this.directory.page(options.after ?? '', options.limit ?? 100);
      const summaries = await mapBounded(ids, PARALLEL_READS, (id) => this.summaryOf(id));
      return summaries.filter((s): s is StreamSummary => s !== undefined);
    });
  }

  private async summaryOf(streamId: string): Promise<StreamSummary | undefined> {
    const last = await lastEventOf(this.client, streamId);
    if (!last) return undefined;
    const createdAt = this.directory.createdAt(streamId) ?? (await firstEventOf(this.client, streamId))?.created ?? last.created;
    return { streamId, revision: toRevision(last.revision), createdAt, updatedAt: last.created };
  }

  streamRevision(streamId: string): Promise<number | undefined> {
    return this.guard('read a stream revision', async () => {
      const last = await lastEventOf(this.client, streamId);
      return last ? toRevision(last.revision) : undefined;
    });
  }

  findIdempotentResult(idempotencyKey: string): Promise<AppendResult | undefined> {
    return this.guard('look up an idempotency key', () => this.appender.findIdempotentResult(idempotencyKey));
  }

  /** Each referenced stream is read (ids are unique per stream here); the ids come back as given. */
  existingEventIds(events: readonly EventRef[]): Promise<Set<string>> {
    return this.guard('look up event ids', async () => {
      const byStream = new Map<string, EventRef[]>();
      for (const ref of events) byStream.set(ref.streamId, [...(byStream.get(ref.streamId) ?? []), ref]);
      const found = new Set<string>();
      await mapBounded([...byStream], PARALLEL_READS, async ([streamId, refs]) => {
        const { ids } = await streamContents(this.client, streamId);
        for (const ref of refs) if (ids.has(ref.eventId.toLowerCase())) found.add(ref.eventId);
      });
      return found;
    });
  }

  headPosition(): Promise<number> {
    return this.guard('read the head of the log', () => headOf(this.client));
  }

  /** Positions are log offsets, not counts: the events are counted, up to `cap`. */
  countAfter(position: number, cap = Number.MAX_SAFE_INTEGER): Promise<number> {
    return this.guard('count events', async () => {
      let count = 0;
      if (cap <= 0) return count;
      for await (const _ of userEventsAfter(this.client, position, Math.min(cap + 1, MAX_PAGE))) {
        if (++count >= cap) break;
      }
      return count;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.next();
    this.closing.complete();
    await this.client.dispose();
  }

  private async guard<T>(operation: string, work: () => Promise<T>, expectedOf?: (streamId: string) => ExpectedRevision): Promise<T> {
    try {
      return await work();
    } catch (e) {
      throw toStoreError(e, { operation, address: this.address, ...(expectedOf && { expectedOf }) });
    }
  }
}

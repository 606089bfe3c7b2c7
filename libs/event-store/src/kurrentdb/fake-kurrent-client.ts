import { EventEmitter } from 'node:events';
import type {
  AllStreamRecordedEvent,
  AllStreamResolvedEvent,
  AppendStreamRequest,
  Filter,
  MultiAppendResult,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';
import { kurrent, type KurrentClient, type LiveFeed } from './kurrent-client.js';
import { comparePositions } from './revisions.js';
import { STREAMS_STREAM } from './stream-directory.js';

/**
 * KurrentDB as the adapter sees it through the client, in memory, for tests where no server runs.
 * It follows what the client's sources and tests show: multiStreamAppend's metadata comes back as
 * a JSON object with `$schema.*` keys added, $all reads from a position include it, subscriptions
 * start after it, the `$streams` projection links each new stream, and the server writes its own
 * `$`-streams. Positions grow by uneven steps (they are log offsets, not counts).
 */
export interface FakeKurrentOptions {
  /** Every record of one append reports one commit position (the last one's), as older servers did. */
  readonly sharedCommits?: boolean;
  /** Write `$streams` links (system projections on). Default true. */
  readonly systemProjections?: boolean;
}

type Rec = AllStreamRecordedEvent;

const asStart = (p: ReadStreamOptions['fromRevision']): bigint | 'start' | 'end' => p ?? 'start';

class FakeFeed extends EventEmitter implements LiveFeed {
  stopped = false;
  constructor(private readonly onStop: (feed: FakeFeed) => void) {
    super();
  }
  async unsubscribe(): Promise<void> {
    this.stopped = true;
    this.onStop(this);
  }
}

export class FakeKurrentClient implements KurrentClient {
  readonly log: Rec[] = [];
  readonly feeds = new Set<FakeFeed>();
  /** Errors the next multiStreamAppend calls reject with, first in first out. */
  readonly appendFailures: Error[] = [];
  disposed = false;
  private readonly streams = new Map<string, Rec[]>();
  private next = 1_000n;

  constructor(private readonly options: FakeKurrentOptions = {}) {
    this.write([{ streamName: '$settings', expectedState: 'any', events: [kurrent.jsonEvent({ type: '$settings', data: {} })] }]);
  }

  async multiStreamAppend(requests: AppendStreamRequest[]): Promise<MultiAppendResult> {
    await new Promise((resolve) => setImmediate(resolve));
    const failure = this.appendFailures.shift();
    if (failure) throw failure;
    for (const request of requests) {
      for (const { metadata } of request.events) {
        if (metadata != null && (typeof metadata !== 'object' || metadata instanceof Uint8Array || Array.isArray(metadata) || Object.values(metadata).some((v) => typeof v !== 'string'))) {
          throw new Error('multiStreamAppend requires metadata to be a plain object with string keys and string values.');
        }
      }
      const current = this.streams.get(request.streamName)?.at(-1)?.revision;
      const expected = request.expectedState;
      const ok = expected === 'any' || (expected === 'no_stream' ? current === undefined : expected === 'stream_exists' ? current !== undefined : current === expected);
      if (!ok) throw new kurrent.WrongExpectedVersionError(undefined, { streamName: request.streamName, expected, current: current ?? 'no_stream' });
    }
    return this.write(requests);
  }

  private write(requests: AppendStreamRequest[]): MultiAppendResult {
    const written: Rec[] = [];
    const created: string[] = [];
    for (const request of requests) {
      const stream = this.streams.get(request.streamName) ?? [];
      if (stream.length === 0) created.push(request.streamName);
      this.streams.set(request.streamName, stream);
      for (const event of request.events) {
        const props = (event.metadata ?? {}) as Record<string, string>;
        const record = {
          streamId: request.streamName,
          id: event.id,
          revision: BigInt(stream.length),
          type: event.type,
          isJson: true,
          created: new Date(),
          data: JSON.parse(JSON.stringify(event.data)),
          metadata: { ...props, '$schema.format': 'Json', '$schema.name': event.type },
          position: { commit: 0n, prepare: this.advance(event.type.length) },
        } as Rec;
        stream.push(record);
        written.push(record);
      }
    }
    const last = written.at(-1)?.position.prepare ?? this.next;
    for (const record of written) record.position = { commit: this.options.sharedCommits ? last : record.position.prepare, prepare: record.position.prepare };
    this.log.push(...written);
    this.publish(written);
    if (this.options.systemProjections !== false) for (const streamName of created) if (streamName !== STREAMS_STREAM) this.link(streamName);
    return { position: last, responses: requests.map((r) => ({ streamName: r.streamName, revision: (this.streams.get(r.streamName)?.length ?? 0) > 0 ? BigInt((this.streams.get(r.streamName)?.length ?? 1) - 1) : -1n })) };
  }

  /** The `$streams` projection, which a real server runs a moment later. */
  private link(target: string): void {
    const links = this.streams.get(STREAMS_STREAM) ?? [];
    this.streams.set(STREAMS_STREAM, links);
    const at = this.advance(3);
    const record = {
      streamId: STREAMS_STREAM,
      id: crypto.randomUUID(),
      revision: BigInt(links.length),
      type: '$>',
      isJson: false,
      created: new Date(),
      data: Buffer.from(`0@${target}`),
      metadata: undefined,
      position: { commit: at, prepare: at },
    } as Rec;
    links.push(record);
    this.log.push(record);
    this.publish([record]);
  }

  private advance(size: number): bigint {
    const at = this.next;
    this.next += 40n + BigInt(size * 7);
    return at;
  }

  async *readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterableIterator<ResolvedEvent> {
    await Promise.resolve();
    const stream = this.streams.get(streamName);
    if (!stream) throw new kurrent.StreamNotFoundError(undefined, streamName);
    const from = asStart(options.fromRevision);
    const backwards = options.direction === 'backwards';
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const chosen = backwards
      ? [...stream].reverse().filter((r) => from === 'end' || from === 'start' || r.revision <= from)
      : stream.filter((r) => from === 'start' || (from !== 'end' && r.revision >= from));
    for (const record of chosen.slice(0, max)) {
      if (options.resolveLinkTos && record.type === '$>') {
        const target = Buffer.from(record.data as Uint8Array).toString('utf8').split('@')[1] ?? '';
        const first = this.streams.get(target)?.[0];
        yield first ? { event: first, link: record as ResolvedEvent['link'] } : { event: record };
      } else {
        yield { event: record };
      }
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterableIterator<AllStreamResolvedEvent> {
    await Promise.resolve();
    const from = options.fromPosition ?? 'start';
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const matching = this.log.filter((r) => passes(options.filter, r));
    const chosen =
      options.direction === 'backwards'
        ? matching.reverse().filter((r) => typeof from === 'string' || comparePositions(r.position, from) <= 0)
        : matching.filter((r) => typeof from === 'string' || comparePositions(r.position, from) >= 0);
    for (const record of chosen.slice(0, max)) yield { event: record, commitPosition: record.position.commit };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): LiveFeed {
    const feed = new FakeFeed((f) => this.feeds.delete(f));
    const from = options.fromPosition ?? 'start';
    const filter = options.filter;
    (feed as FakeFeed & { filter?: Filter }).filter = filter;
    setImmediate(() => {
      if (feed.stopped || this.disposed) return;
      for (const record of this.log) if ((typeof from === 'string' || comparePositions(record.position, from) > 0) && passes(filter, record)) feed.emit('data', { event: record, commitPosition: record.position.commit });
      this.feeds.add(feed);
    });
    return feed;
  }

  /** Drops every live subscription with `error`, as a server restart or a network cut would. */
  dropSubscriptions(error: Error = new kurrent.UnavailableError(undefined, 'connection reset')): void {
    for (const feed of [...this.feeds]) {
      this.feeds.delete(feed);
      feed.emit('error', error);
    }
  }

  private publish(records: readonly Rec[]): void {
    for (const feed of this.feeds) {
      const filter = (feed as FakeFeed & { filter?: Filter }).filter;
      for (const record of records) if (!feed.stopped && passes(filter, record)) feed.emit('data', { event: record, commitPosition: record.position.commit });
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const feed of [...this.feeds]) feed.emit('close');
    this.feeds.clear();
  }
}

function passes(filter: Filter | undefined, record: { streamId: string; type: string }): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? record.streamId : record.type;
  return 'regex' in filter ? new RegExp(filter.regex).test(subject) : filter.prefixes.some((p) => subject.startsWith(p));
}

export type { Position };

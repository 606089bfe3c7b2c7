import type { Observable } from 'rxjs';

/** Revision the caller expects the stream to be at: no stream yet, anything, or an exact revision (0-based). */
export type ExpectedRevision = 'no-stream' | 'any' | number;

export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface StoredEvent extends NewEvent {
  readonly streamId: string;
  /** Place in its stream, from 0. */
  readonly revision: number;
  /**
   * Place in the whole log, increasing in commit order. Gapless from 1 on PostgreSQL; the commit
   * position (a log offset) on KurrentDB, where one append's events may share it.
   */
  readonly position: number;
  /** Store time at which the event was committed. */
  readonly recordedAt: Date;
}

export interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
  /** The same key appended again records nothing and returns the first result. */
  readonly idempotencyKey?: string;
}

export interface AppendResult {
  readonly streamId: string;
  /** Revision of the stream's last event after the append. */
  readonly revision: number;
  readonly firstPosition: number;
  readonly lastPosition: number;
  /** True when the idempotency key had been used: nothing new was recorded. */
  readonly replayed: boolean;
}

export interface StreamSummary {
  readonly streamId: string;
  readonly revision: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ReadAllOptions {
  /** Read events after this position (exclusive); 0 reads from the start. */
  readonly after?: number;
  readonly limit?: number;
}

/** What differs between adapters, so callers (and the contract suite) know what to rely on. */
export interface StoreCapabilities {
  /** Positions count events 1, 2, 3… (PostgreSQL); otherwise they only increase (KurrentDB log offsets). */
  readonly gaplessPositions: boolean;
  /** An event id is refused if recorded in any stream (PostgreSQL), not only in its own (KurrentDB). */
  readonly eventIdsUniqueAcrossStreams: boolean;
  /**
   * Present when the store's tables live in the SQL database the read models use (PostgreSQL,
   * PGlite): a subquery giving the revision of the stream whose id is in the given parameter, so a
   * view read checks it is current in the same round trip. Absent for KurrentDB.
   */
  readonly streamRevisionSql?: (streamIdParameter: string) => string;
}

/** An event id and the stream it belongs to (adapters that index ids per stream look there). */
export interface EventRef {
  readonly eventId: string;
  readonly streamId: string;
}

/** How subscribeToAll follows the log. */
export interface SubscribeOptions {
  readonly after?: number;
  readonly batchSize?: number;
  /**
   * Once caught up, a store that reads on being woken reads at most this often: a subscriber that
   * gathers events into batches anyway loses nothing, and the store is spared a read per append.
   */
  readonly liveReadIntervalMs?: number;
}

/**
 * The one port every store adapter implements (PostgreSQL, PGlite, KurrentDB). Appends are atomic
 * per call, conflicts raise WrongExpectedRevisionError, and readAll/subscribe never skip an event
 * whose transaction commits late, nor deliver one twice.
 */
export interface EventStore {
  readonly capabilities: StoreCapabilities;
  append(request: AppendRequest): Promise<AppendResult>;
  /** Several streams in one atomic transaction (imports): all are recorded, or none. */
  appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]>;
  readStream(streamId: string, options?: { fromRevision?: number; limit?: number }): Promise<StoredEvent[]>;
  /** Several streams whole, each in revision order, in the order asked; an unknown stream reads empty (a rebuild reads courses by the chunk). */
  readStreams(streamIds: readonly string[]): Promise<StoredEvent[][]>;
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Catches up from `after`, then follows live appends. Completes only when the store closes. */
  subscribeToAll(options?: SubscribeOptions): Observable<StoredEvent>;
  listStreams(options?: { after?: string; limit?: number }): Promise<StreamSummary[]>;
  streamRevision(streamId: string): Promise<number | undefined>;
  /** The result of an earlier append made with this idempotency key, if any. */
  findIdempotentResult(idempotencyKey: string): Promise<AppendResult | undefined>;
  /** Which of these event ids are already recorded (imports skip them). */
  existingEventIds(events: readonly EventRef[]): Promise<Set<string>>;
  /** Position of the last recorded event, 0 when the store is empty. */
  headPosition(): Promise<number>;
  /** How many events lie after a position, counting at most `cap` (a projection's lag). */
  countAfter(position: number, cap?: number): Promise<number>;
  close(): Promise<void>;
}

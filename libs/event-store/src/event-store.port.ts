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
  /** Place in the whole log, from 1, gapless, in commit order. */
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

/**
 * The one port every store adapter implements (PostgreSQL, PGlite, KurrentDB). Appends are atomic
 * per call, conflicts raise WrongExpectedRevisionError, and readAll/subscribe never skip an event
 * whose transaction commits late, nor deliver one twice.
 */
export interface EventStore {
  append(request: AppendRequest): Promise<AppendResult>;
  /** Several streams in one atomic transaction (imports): all are recorded, or none. */
  appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]>;
  readStream(streamId: string, options?: { fromRevision?: number; limit?: number }): Promise<StoredEvent[]>;
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Catches up from `after`, then follows live appends. Completes only when the store closes. */
  subscribeToAll(options?: { after?: number; batchSize?: number }): Observable<StoredEvent>;
  listStreams(options?: { after?: string; limit?: number }): Promise<StreamSummary[]>;
  streamRevision(streamId: string): Promise<number | undefined>;
  /** The result of an earlier append made with this idempotency key, if any. */
  findIdempotentResult(idempotencyKey: string): Promise<AppendResult | undefined>;
  /** Which of these event ids are already recorded (imports skip them). */
  existingEventIds(eventIds: readonly string[]): Promise<Set<string>>;
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

import type { AllStreamResolvedEvent, Position, ReadPosition } from '@kurrent/kurrentdb-client';
import { Observable } from 'rxjs';
import type { StoredEvent } from '../event-store.port.js';
import { kurrent, type LiveFeed } from './kurrent-client.js';

/**
 * What a subscriber has been given so far, so a resubscription delivers nothing twice. Events of
 * one append may share a commit position, so the ids delivered at the last commit are kept too.
 * `after` (the caller's start) counts as wholly delivered: "after a position" excludes all of it.
 */
export class DeliveryCursor {
  private commit: bigint;
  private prepare: bigint;
  private idsAtCommit = new Set<string>();
  private wholeCommitDelivered = true;

  constructor(after: number) {
    this.commit = BigInt(after);
    this.prepare = BigInt(after);
  }

  /** True when the event is new to the subscriber (and now counted as delivered). */
  admit(at: Position, eventId: string): boolean {
    if (at.commit < this.commit) return false;
    if (at.commit === this.commit) {
      if (this.wholeCommitDelivered || this.idsAtCommit.has(eventId)) return false;
      this.idsAtCommit.add(eventId);
      if (at.prepare > this.prepare) this.prepare = at.prepare;
      return true;
    }
    this.commit = at.commit;
    this.prepare = at.prepare;
    this.idsAtCommit = new Set([eventId]);
    this.wholeCommitDelivered = false;
    return true;
  }

  /** Where to subscribe again: the last delivered event (the server may repeat it; `admit` drops it). */
  resumeFrom(): ReadPosition {
    return this.commit === 0n ? kurrent.START : { commit: this.commit, prepare: this.prepare };
  }
}

export interface FollowAllOptions {
  readonly after: number;
  /** Opens a client subscription to $all from a position. */
  readonly open: (from: ReadPosition) => LiveFeed;
  /** The event for the caller and its place in the log, or undefined to skip it (not a user event). */
  readonly decode: (resolved: AllStreamResolvedEvent) => { readonly event: StoredEvent; readonly at: Position } | undefined;
  /** Emits once the store closes: the Observable then completes. */
  readonly closed: Observable<unknown>;
  /** The error the caller sees when a drop is not worth retrying. */
  readonly fail: (error: unknown) => unknown;
  readonly retryDelayMs?: { readonly first: number; readonly max: number };
  /** Told of each drop before the resubscription (logs, tests). */
  readonly onDrop?: (error: unknown) => void;
}

/** Retrying cannot mend wrong credentials; everything else (restarts, network, leader changes) may pass. */
const isFatal = (error: unknown): boolean => error instanceof kurrent.AccessDeniedError;

/**
 * $all from `after`: catches up, then goes live. A dropped subscription is opened again from the
 * last delivered event after a short, growing pause, and nothing is delivered twice. Completes when
 * the store closes; unsubscribing stops the client subscription.
 */
export function followAll(options: FollowAllOptions): Observable<StoredEvent> {
  const { first, max } = options.retryDelayMs ?? { first: 100, max: 5000 };
  return new Observable<StoredEvent>((subscriber) => {
    const cursor = new DeliveryCursor(options.after);
    let feed: LiveFeed | undefined;
    let generation = 0;
    let delay = first;
    let retry: NodeJS.Timeout | undefined;
    let stopped = false;

    const stopFeed = () => {
      generation++;
      const current = feed;
      feed = undefined;
      current?.unsubscribe().catch(() => undefined);
    };
    const stop = () => {
      stopped = true;
      clearTimeout(retry);
      stopFeed();
    };
    const dropped = (of: number, error: unknown) => {
      if (of !== generation || stopped) return;
      stopFeed();
      if (isFatal(error)) {
        stop();
        subscriber.error(options.fail(error));
        return;
      }
      options.onDrop?.(error);
      retry = setTimeout(connect, delay);
      delay = Math.min(delay * 2, max);
    };
    const deliver = (of: number, resolved: AllStreamResolvedEvent) => {
      if (of !== generation || stopped) return;
      let decoded: ReturnType<FollowAllOptions['decode']>;
      try {
        decoded = options.decode(resolved);
      } catch (e) {
        stop();
        subscriber.error(options.fail(e));
        return;
      }
      if (!decoded || !cursor.admit(decoded.at, decoded.event.eventId)) return;
      delay = first;
      subscriber.next(decoded.event);
    };
    function connect(): void {
      if (stopped) return;
      const of = ++generation;
      try {
        const opened = options.open(cursor.resumeFrom());
        feed = opened;
        opened.on('data', (resolved) => deliver(of, resolved));
        opened.on('error', (error) => dropped(of, error));
        opened.on('end', () => dropped(of, undefined));
        opened.on('close', () => dropped(of, undefined));
      } catch (e) {
        dropped(of, e);
      }
    }

    const closing = options.closed.subscribe(() => {
      stop();
      subscriber.complete();
    });
    if (!stopped) connect();
    return () => {
      stop();
      closing.unsubscribe();
    };
  });
}

import { EventEmitter } from 'node:events';
import type { AllStreamResolvedEvent, Position, ReadPosition } from '@kurrent/kurrentdb-client';
import { Subject, type Subscription } from 'rxjs';
import type { StoredEvent } from '../event-store.port.js';
import { DeliveryCursor, followAll } from './follow-all.js';
import { kurrent, type LiveFeed } from './kurrent-client.js';

/** A client subscription the test drives by hand. */
class Feed extends EventEmitter implements LiveFeed {
  unsubscribed = false;
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
  }
  send(id: string, commit: number, prepare = commit): void {
    this.emit('data', { event: { id, position: { commit: BigInt(commit), prepare: BigInt(prepare) } } } as unknown as AllStreamResolvedEvent);
  }
}

function follow(after = 0) {
  const opened: { from: ReadPosition; feed: Feed }[] = [];
  const closed = new Subject<void>();
  const seen: string[] = [];
  const drops: unknown[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const subscription: Subscription = followAll({
    after,
    open: (from) => {
      const feed = new Feed();
      opened.push({ from, feed });
      return feed;
    },
    decode: (resolved) => {
      const at = resolved.event?.position as Position;
      return { event: { eventId: resolved.event?.id, position: Number(at.commit) } as StoredEvent, at };
    },
    closed,
    fail: (e) => e,
    retryDelayMs: { first: 1, max: 4 },
    onDrop: (e) => drops.push(e),
  }).subscribe({ next: (e) => seen.push(e.eventId), error: (e: unknown) => errors.push(e), complete: () => (completed = true) });
  const feed = (i: number) => opened[i]?.feed as Feed;
  return { opened, feed, closed, seen, drops, errors, subscription, completed: () => completed };
}

const reopened = async (f: ReturnType<typeof follow>, count: number) => {
  for (let i = 0; i < 100 && f.opened.length < count; i++) await new Promise((r) => setTimeout(r, 2));
  expect(f.opened).toHaveLength(count);
};

describe('following $all through drops', () => {
  it('resubscribes from the last delivered event after an error and delivers each event once', async () => {
    const f = follow();
    expect(f.opened[0]?.from).toBe('start');
    f.feed(0).send('a', 100);
    f.feed(0).send('b', 200);
    f.feed(0).emit('error', new kurrent.UnavailableError());
    f.feed(0).send('late', 300); // a dropped feed's stragglers are ignored
    expect(f.feed(0).unsubscribed).toBe(true);
    await reopened(f, 2);
    expect(f.opened[1]?.from).toEqual({ commit: 200n, prepare: 200n });
    f.feed(1).send('b', 200); // the server may repeat the event it resumed at
    f.feed(1).send('c', 300);
    expect(f.seen).toEqual(['a', 'b', 'c']);
    expect(f.drops).toHaveLength(1);
    f.subscription.unsubscribe();
  });

  it('resubscribes after the server ends the stream, too', async () => {
    const f = follow(50);
    expect(f.opened[0]?.from).toEqual({ commit: 50n, prepare: 50n });
    f.feed(0).send('x', 50); // `after` is exclusive
    f.feed(0).send('a', 60);
    f.feed(0).emit('end');
    f.feed(0).emit('close'); // one drop, not two
    await reopened(f, 2);
    await new Promise((r) => setTimeout(r, 20));
    expect(f.opened).toHaveLength(2);
    f.feed(1).send('b', 70);
    expect(f.seen).toEqual(['a', 'b']);
    f.subscription.unsubscribe();
  });

  it('completes a commit group split by a drop without repeating its first part', async () => {
    const f = follow();
    f.feed(0).send('g1', 500, 480);
    f.feed(0).emit('error', new Error('reset'));
    await reopened(f, 2);
    expect(f.opened[1]?.from).toEqual({ commit: 500n, prepare: 480n });
    f.feed(1).send('g1', 500, 480);
    f.feed(1).send('g2', 500, 490);
    f.feed(1).send('n', 600);
    expect(f.seen).toEqual(['g1', 'g2', 'n']);
    f.subscription.unsubscribe();
  });

  it('stops the client subscription when unsubscribed, and completes when the store closes', async () => {
    const a = follow();
    a.subscription.unsubscribe();
    expect(a.feed(0).unsubscribed).toBe(true);
    const b = follow();
    b.closed.next();
    expect(b.completed()).toBe(true);
    expect(b.feed(0).unsubscribed).toBe(true);
    b.feed(0).emit('error', new Error('after close'));
    await new Promise((r) => setTimeout(r, 10));
    expect(b.opened).toHaveLength(1);
  });

  it('gives up on wrong credentials instead of retrying forever', () => {
    const f = follow();
    f.feed(0).emit('error', new kurrent.AccessDeniedError());
    expect(f.errors[0]).toBeInstanceOf(kurrent.AccessDeniedError);
    expect(f.drops).toEqual([]);
  });
});

describe('DeliveryCursor', () => {
  it('admits each event once, by commit and id', () => {
    const cursor = new DeliveryCursor(10);
    const at = (commit: number, prepare = commit) => ({ commit: BigInt(commit), prepare: BigInt(prepare) });
    expect(cursor.admit(at(10), 'old')).toBe(false);
    expect(cursor.admit(at(20, 15), 'a')).toBe(true);
    expect(cursor.admit(at(20, 18), 'b')).toBe(true);
    expect(cursor.admit(at(20, 15), 'a')).toBe(false);
    expect(cursor.resumeFrom()).toEqual(at(20, 18));
    expect(cursor.admit(at(19), 'older')).toBe(false);
    expect(cursor.admit(at(30), 'c')).toBe(true);
  });
});

/**
 * Group commit: single appends that arrive while earlier ones are on their way to the database
 * wait and go together, as one transaction. On this kind of machine a round trip to the database
 * and a commit cost far more than the rows themselves, so under load a few transactions carry
 * what would have been hundreds. Alone, an append goes at once: no timer, no added latency.
 *
 * A group is all-or-nothing in the database, but its members are not one request: when a group
 * fails (one member's revision was wrong, say), nothing of it was written, and each member is
 * sent again on its own so that each gets its own answer.
 */
export interface GroupCommitOptions<R, A> {
  /** Writes the requests in one transaction, answering in request order; all or nothing. */
  readonly writeGroup: (requests: readonly R[]) => Promise<A[]>;
  /** Writes one request in its own transaction. */
  readonly writeOne: (request: R) => Promise<A>;
  /** Requests with the same key never share a group (a stream appears once per batch). */
  readonly keyOf: (request: R) => string;
  /**
   * Groups on their way at once (default 1); more waiting requests queue for the next group. The
   * log head serialises appends anyway, so a second group in flight mostly waited on the first's
   * lock, and split the waiting requests into twice the transactions.
   */
  readonly maxInFlight?: number;
  readonly maxGroupSize?: number;
  /**
   * Take each group one turn of the event loop after it could first go (setImmediate), so that the
   * requests read from the sockets in that turn join it. For a database with one session (PGlite):
   * in this thread its writes hold the thread, so nothing can arrive while one is on its way, and
   * without the turn every command went alone (22,748 appends for 22,748 commands in
   * `bench:append`); served from a thread of its own, a write's round trip is short, and each append
   * costs PGlite ~0.65 ms however few commands it carries (~30 µs more a command).
   */
  readonly gatherForOneTurn?: boolean;
}

interface Waiting<R, A> {
  readonly request: R;
  readonly resolve: (answer: A) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit<R, A> {
  private queue: Waiting<R, A>[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxGroupSize: number;
  private turnScheduled = false;

  constructor(private readonly options: GroupCommitOptions<R, A>) {
    this.maxInFlight = options.maxInFlight ?? 1;
    this.maxGroupSize = options.maxGroupSize ?? 256;
  }

  submit(request: R): Promise<A> {
    return new Promise<A>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    if (!this.options.gatherForOneTurn) return this.takeGroups();
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() => {
      this.turnScheduled = false;
      this.takeGroups();
    });
  }

  private takeGroups(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const group = this.takeGroup();
      this.inFlight++;
      void this.write(group).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  /** The oldest waiting requests, one per key, in arrival order; the rest keep their places. */
  private takeGroup(): Waiting<R, A>[] {
    const group: Waiting<R, A>[] = [];
    const rest: Waiting<R, A>[] = [];
    const keys = new Set<string>();
    for (const w of this.queue) {
      const key = this.options.keyOf(w.request);
      if (group.length < this.maxGroupSize && !keys.has(key)) {
        keys.add(key);
        group.push(w);
      } else rest.push(w);
    }
    this.queue = rest;
    return group;
  }

  private async write(group: readonly Waiting<R, A>[]): Promise<void> {
    if (group.length === 1) return this.writeAlone(group[0] as Waiting<R, A>);
    let answers: A[];
    try {
      answers = await this.options.writeGroup(group.map((w) => w.request));
    } catch {
      await Promise.all(group.map((w) => this.writeAlone(w)));
      return;
    }
    group.forEach((w, i) => w.resolve(answers[i] as A));
  }

  private async writeAlone(w: Waiting<R, A>): Promise<void> {
    try {
      w.resolve(await this.options.writeOne(w.request));
    } catch (e) {
      w.reject(e);
    }
  }
}

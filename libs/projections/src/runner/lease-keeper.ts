import type { SqlClient, SqlExecutor } from '@app/event-store';
import { Subject } from 'rxjs';
import { acquireLeases, confirmLeases, heartbeat, releaseLeases, renewLeases } from './leases.js';
import { allPartitions } from './partitions.js';

export interface LeaseKeeperOptions {
  readonly sql: SqlClient;
  readonly projection: string;
  readonly owner: string;
  readonly partitions: number;
  readonly leaseMs: number;
  /** The only process that can open this store (PGlite): it holds every partition, no leases. */
  readonly exclusive: boolean;
}

/**
 * Keeps this process's share of a projection's partitions: renews what it holds, takes free or
 * expired partitions up to a fair share of the live processes, and hands back what is above it,
 * so two or three projectors spread the work and survivors take over a dead one's partitions.
 */
export class LeaseKeeper {
  private readonly owned = new Set<number>();
  /** Each time a partition is taken it gets a new tenure: work read under an older one must not be applied. */
  private readonly tenures = new Map<number, number>();
  private nextTenure = 1;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  /** Emits when partitions were gained: the runner resubscribes from their checkpoints. */
  readonly gained$ = new Subject<readonly number[]>();

  constructor(private readonly options: LeaseKeeperOptions) {}

  get held(): ReadonlySet<number> {
    return this.owned;
  }

  /** The partitions held now, each with its tenure (a subscription keeps this as it starts). */
  tenure(): ReadonlyMap<number, number> {
    return new Map([...this.owned].map((p) => [p, this.tenures.get(p) ?? 0]));
  }

  private take(partitions: readonly number[]): void {
    for (const p of partitions) {
      this.owned.add(p);
      this.tenures.set(p, this.nextTenure++);
    }
  }

  /** Renewing on its own timer (started); otherwise the caller ticks it. */
  get running(): boolean {
    return this.timer !== undefined;
  }

  async start(onError: (e: unknown) => void): Promise<void> {
    await this.tick();
    if (this.options.exclusive || this.timer) return;
    this.timer = setInterval(() => {
      this.tick().catch(onError);
    }, Math.max(50, Math.floor(this.options.leaseMs / 3)));
    this.timer.unref();
  }

  /** One round of heartbeat, renewal and rebalancing; rounds never overlap. */
  tick(): Promise<void> {
    this.ticking ??= this.round().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async round(): Promise<void> {
    const { sql, projection, owner, partitions, leaseMs, exclusive } = this.options;
    if (exclusive) {
      const gained = allPartitions(partitions).filter((p) => !this.owned.has(p));
      this.take(gained);
      if (gained.length > 0) this.gained$.next(gained);
      return;
    }
    const members = await heartbeat(sql, projection, owner, leaseMs);
    const renewed = await renewLeases(sql, projection, owner, leaseMs);
    for (const p of [...this.owned]) if (!renewed.has(p)) this.owned.delete(p);
    // Leases under this name from before a restart (same PROJECTOR_NAME) are taken back at once.
    const adopted = [...renewed].filter((p) => !this.owned.has(p));
    this.take(adopted);
    const fairShare = Math.ceil(partitions / members);
    if (this.owned.size > fairShare) {
      const surplus = [...this.owned].sort((a, b) => a - b).slice(fairShare);
      surplus.forEach((p) => this.owned.delete(p));
      await releaseLeases(sql, projection, owner, surplus);
    } else if (this.owned.size < fairShare) {
      const gained = await acquireLeases(sql, projection, owner, partitions, fairShare - this.owned.size, leaseMs);
      this.take(gained);
      adopted.push(...gained);
    }
    if (adopted.length > 0) this.gained$.next(adopted);
  }

  /** Of the partitions a subscription started with, those still held under the same tenure as far as this process knows. */
  holding(startedWith: ReadonlyMap<number, number>): ReadonlySet<number> {
    return new Set([...startedWith].filter(([p, tenure]) => this.owned.has(p) && this.tenures.get(p) === tenure).map(([p]) => p));
  }

  /** Whether this process holds every partition without leases (PGlite, which no other process can open). */
  get exclusive(): boolean {
    return this.options.exclusive;
  }

  /**
   * Inside a batch's transaction: of the partitions a subscription started with, those still held
   * under the same tenure, their leases locked until commit. Lost ones are dropped.
   */
  async confirm(tx: SqlExecutor, startedWith: ReadonlyMap<number, number>): Promise<ReadonlySet<number>> {
    const current = [...this.holding(startedWith)];
    if (this.options.exclusive) return new Set(current);
    const valid = await confirmLeases(tx, this.options.projection, this.options.owner, [...this.owned]);
    for (const p of [...this.owned]) if (!valid.has(p)) this.owned.delete(p);
    return new Set(current.filter((p) => valid.has(p)));
  }

  /** Stops renewing and hands every partition back, so another process takes over at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking?.catch(() => undefined);
    this.owned.clear();
    if (!this.options.exclusive) await releaseLeases(this.options.sql, this.options.projection, this.options.owner);
  }
}

import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { EventStore, SqlClient, StoredEvent } from '@app/event-store';
import { bufferTime, concatMap, defer, filter, from, map, merge, NEVER, of, retry, switchMap, timer, type Subscription } from 'rxjs';
import { activeTables, generationsOf } from '../store/generations.js';
import { migrateViews } from '../store/view-migrations.js';
import { deriveAhead, projectInto, saveOutcome, type Projector } from './apply-batch.js';
import { expectUnmoved, hasMoved, recorded } from './unmoved.js';
import { readCourses, StaleCourses, type Courses } from './prior-records.js';
import type { BatchOutcome } from './project-batch.js';
import { RecordCache } from './record-cache.js';
import type { Checkpoint, ViewDocuments } from '../store/course-view-store.js';
import { LeaseKeeper } from './lease-keeper.js';
import { leaseHolders } from './leases.js';
import { lowestCheckpoint, partitionCheckpointsOf, readCheckpointRows, readPartitionCheckpoints, writePartitionCheckpoints } from './partition-checkpoints.js';
import { partitionOf } from './partitions.js';

/** Lag is counted exactly up to this many events (a KurrentDB store counts by reading them). */
const LAG_COUNT_CAP = 1_000_000;

export interface ProjectionStatus {
  readonly projection: string;
  readonly generation: number;
  readonly position: number;
  readonly head: number;
  readonly eventsBehind: number;
  /** Age of the newest applied event when behind; 0 when caught up. */
  readonly secondsBehind: number;
  readonly failedPatients: number;
  readonly failures: { patientId: string; eventId: string; position: number; type: string; message: string }[];
  readonly running: boolean;
  /** Which process holds which partition, and how far each has applied the log. */
  readonly partitions: { partition: number; owner?: string; position: number }[];
  readonly rebuilding?: number;
  readonly lastError?: string;
}

export interface RunnerOptions<V extends ViewDocuments> extends Projector<V> {
  readonly name: string;
  readonly store: EventStore;
  readonly sql: SqlClient;
  readonly batchSize?: number;
  readonly batchMs?: number;
  readonly onBatch?: (info: { events: number; position: number }) => void;
  readonly onError?: (error: unknown) => void;
  /** Partitions of the patients, shared out between projector processes by leases (default 1). */
  readonly partitions?: number;
  /** How long a dead process's partitions wait before another takes them (default 10 s). */
  readonly leaseMs?: number;
  /** This process's name in the leases (default host, pid and a random suffix). */
  readonly owner?: string;
  /** The store can only be opened by this one process (PGlite): hold every partition without leases. */
  readonly exclusive?: boolean;
  /**
   * Facts a batch derives views from between writes (default: the whole batch at once), for a
   * runner that shares its event loop with other work: it is served between slices. (The API's
   * runner did, at 400 facts a slice, until it got a thread of its own.)
   */
  readonly factsPerSlice?: number;
  /**
   * Derive each batch's views before its transaction, in slices of `factsPerSlice` with a turn of
   * the event loop between them, then send their writes as one transaction that first checks
   * nothing read has moved (`SqlClient.inOneTransaction`). For a database with one session
   * (PGlite): there a transaction holds every other statement behind it, and each append waited
   * while the whole batch was derived, or while the transaction's statements went to and fro
   * between threads.
   */
  readonly deriveAhead?: boolean;
}

/** About 50-100 MiB of facts: the courses of the last few thousand patients touched. */
const RECORD_CACHE_FACTS = 200_000;

/** The active generation changed under the runner (a rebuild switched over): resubscribe from its checkpoint. */
class GenerationSwitched extends Error {}

/**
 * Feeds the per-patient views from the event log: catches up from its checkpoint, then follows
 * live appends. Each batch's view rows, audit entries and checkpoint commit in one transaction.
 * After a failure (database down) or a rebuild's switch-over it resubscribes from the committed
 * checkpoint of the active generation.
 */
export class ProjectionRunner<V extends ViewDocuments> {
  private subscription?: Subscription;
  private lastError?: string;
  private schema?: Promise<void>;
  private generation?: number;
  /** Records as this process last committed them (courses are refolded from the store otherwise). */
  private readonly records = new RecordCache(RECORD_CACHE_FACTS);

  private readonly keeper: LeaseKeeper;
  /** This process's name in the partition leases. */
  readonly owner: string;

  constructor(private readonly options: RunnerOptions<V>) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.keeper = new LeaseKeeper({
      sql: options.sql,
      projection: options.name,
      owner: this.owner,
      partitions: this.partitions,
      leaseMs: options.leaseMs ?? 10_000,
      exclusive: options.exclusive ?? false,
    });
  }

  private get partitions(): number {
    return Math.max(1, this.options.partitions ?? 1);
  }

  private ensureSchema(): Promise<void> {
    this.schema ??= migrateViews(this.options.sql);
    return this.schema;
  }

  async start(): Promise<void> {
    await this.ensureSchema();
    const { store, batchSize = 1000, batchMs = 50 } = this.options;
    await this.keeper.start((e) => this.options.onError?.(e));
    // (Re)subscribes from the lowest checkpoint of the partitions held, and again whenever more are
    // gained; each batch carries the partitions (and tenures) its subscription started with.
    this.subscription = merge(of(null), this.keeper.gained$)
      .pipe(
        switchMap(() =>
          defer(() => this.startPosition()).pipe(
            switchMap(({ after, partitions }) =>
              after === undefined
                ? NEVER
                : store.subscribeToAll({ after, batchSize, liveReadIntervalMs: batchMs }).pipe(
                    bufferTime(batchMs, null, batchSize),
                    filter((batch) => batch.length > 0),
                    map((batch) => ({ batch, partitions })),
                  ),
            ),
          ),
        ),
        concatMap(({ batch, partitions }) => from(this.apply(batch, partitions))),
        retry({
          delay: (error: unknown) => {
            if (error instanceof GenerationSwitched) return timer(0);
            this.lastError = error instanceof Error ? error.message : String(error);
            this.options.onError?.(error);
            return timer(1000);
          },
        }),
      )
      .subscribe();
  }

  private async startPosition(): Promise<{ after?: number; partitions: ReadonlyMap<number, number> }> {
    const partitions = this.keeper.tenure();
    if (partitions.size === 0) return { partitions };
    const tables = await activeTables(this.options.sql, this.options.name);
    this.generation = tables.generation;
    const checkpoints = await readPartitionCheckpoints(this.options.sql, tables, this.partitions);
    return { after: Math.min(...[...partitions.keys()].map((p) => checkpoints[p]?.position ?? 0)), partitions };
  }

  /**
   * Applies one batch of events to the active generation, for the partitions this process holds;
   * public so tests can drive it without timing. In one transaction: the leases are confirmed (and
   * held until commit), events at or below each partition's checkpoint are skipped (a redelivery
   * changes nothing), then the view rows, audit entries and checkpoints are written together.
   */
  async apply(batch: readonly StoredEvent[], startedWith?: ReadonlyMap<number, number>): Promise<void> {
    await this.ensureSchema();
    const last = batch[batch.length - 1];
    if (!last) return;
    if (!this.keeper.running) await this.keeper.tick(); // driven by hand (tests): keep the leases fresh
    const partitions = startedWith ?? this.keeper.tenure();
    const { patientOf } = this.options;
    const count = this.partitions;
    const mine = [...new Set(batch.filter((e) => partitions.has(partitionOf(patientOf(e.streamId), count))).map((e) => e.streamId))];
    let unread = mine.filter((s) => !this.records.has(patientOf(s)));
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.applyIn(batch, partitions, await readCourses(this.options.store, unread));
        for (const row of outcome?.rows ?? []) if (!row.error) this.records.set(row.record, row.digests);
        break;
      } catch (e) {
        if (!(e instanceof StaleCourses) || attempt > 1) throw e;
        for (const p of e.patientIds) this.records.delete(p);
        unread = mine.filter((s) => e.patientIds.includes(patientOf(s)));
      }
    }
    this.lastError = undefined;
    this.options.onBatch?.({ events: batch.length, position: last.position });
  }

  /** One batch's transaction, with the courses read for it beforehand; returns what it wrote. */
  private async applyIn(batch: readonly StoredEvent[], partitions: ReadonlyMap<number, number>, courses: Courses): Promise<BatchOutcome | undefined> {
    if (this.options.deriveAhead) {
      const written = await this.writtenAhead(batch, partitions, courses);
      if (written) return written.outcome;
    }
    const { sql, name } = this.options;
    const last = batch[batch.length - 1] as StoredEvent;
    const count = this.partitions;
    return sql.transaction(async (tx) => {
      const { active } = await generationsOf(tx, name, 'share');
      if (this.generation !== undefined && active.generation !== this.generation) {
        this.generation = active.generation;
        this.records.clear();
        throw new GenerationSwitched(`projection ${name} switched to generation ${active.generation}`);
      }
      this.generation = active.generation;
      const held = await this.keeper.confirm(tx, partitions);
      if (held.size === 0) return undefined;
      const checkpoints = await readPartitionCheckpoints(tx, active, count);
      const outcome = await projectInto(tx, active, courses, this.fresh(batch, held, checkpoints), this.options, this.records, this.options.factsPerSlice);
      const behind = [...held].filter((p) => (checkpoints[p]?.position ?? 0) < last.position);
      await writePartitionCheckpoints(tx, active, behind, count, { position: last.position, lastRecordedAt: last.recordedAt });
      return outcome;
    });
  }

  /** The batch's events that the held partitions have not applied yet. */
  private fresh(batch: readonly StoredEvent[], held: ReadonlySet<number>, checkpoints: readonly Checkpoint[]): StoredEvent[] {
    const { patientOf } = this.options;
    return batch.filter((e) => {
      const p = partitionOf(patientOf(e.streamId), this.partitions);
      return held.has(p) && e.position > (checkpoints[p]?.position ?? 0);
    });
  }

  /**
   * Derives the batch's views outside any transaction, from the checkpoints and view states as
   * committed, then sends their writes as one transaction that first checks nothing it read has
   * moved (see `expectUnmoved`). Undefined when something had: the batch then goes the usual way,
   * derived again inside its transaction (as it does after a rebuild's switch-over or a lost lease).
   */
  private async writtenAhead(batch: readonly StoredEvent[], partitions: ReadonlyMap<number, number>, courses: Courses): Promise<{ outcome: BatchOutcome | undefined } | undefined> {
    const { sql, name } = this.options;
    const held = this.keeper.holding(partitions);
    if (held.size === 0 || held.size < partitions.size) return undefined;
    const tables = await activeTables(sql, name);
    if (tables.generation !== this.generation && this.generation !== undefined) return undefined;
    // The guard expects the checkpoint rows read here: a batch committed after this read fails it.
    const asRead = await readCheckpointRows(sql, tables);
    const count = this.partitions;
    const checkpoints = partitionCheckpointsOf(asRead, tables, count);
    const outcome = await deriveAhead(sql, tables, courses, this.fresh(batch, held, checkpoints), this.options, this.records, this.options.factsPerSlice ?? Infinity);
    const last = batch[batch.length - 1] as StoredEvent;
    const behind = [...held].filter((p) => (checkpoints[p]?.position ?? 0) < last.position);
    const writes = await recorded(async (tx) => {
      if (outcome) await saveOutcome(tx, tables, outcome);
      await writePartitionCheckpoints(tx, tables, behind, count, { position: last.position, lastRecordedAt: last.recordedAt });
    });
    const leases = this.keeper.exclusive ? undefined : { owner: this.owner, partitions: [...held] };
    try {
      await sql.inOneTransaction([...expectUnmoved({ projection: name, tables, checkpoints: asRead, ...(leases && { leases }) }), ...writes]);
    } catch (e) {
      if (hasMoved(e)) return undefined;
      throw e;
    }
    this.generation = tables.generation;
    return { outcome };
  }

  async status(): Promise<ProjectionStatus> {
    const { sql, store, name } = this.options;
    await this.ensureSchema();
    const { active, building } = await generationsOf(sql, name);
    const checkpoints = await readPartitionCheckpoints(sql, active, this.partitions);
    const checkpoint = lowestCheckpoint(checkpoints);
    const [head, eventsBehind, failures, failed, holders] = await Promise.all([
      store.headPosition(),
      store.countAfter(checkpoint.position, LAG_COUNT_CAP),
      sql.query<{ patient_id: string; error: { eventId: string; position: number; type: string; message: string } }>(`select patient_id, error from ${active.views} where error is not null order by patient_id limit 20`),
      sql.query<{ n: string | number }>(`select count(*) as n from ${active.views} where error is not null`),
      leaseHolders(sql, name),
    ]);
    const ownerOf = new Map(holders.map((h) => [h.partition, h.owner]));
    const secondsBehind = eventsBehind > 0 && checkpoint.lastRecordedAt ? Math.max(0, (Date.now() - checkpoint.lastRecordedAt.getTime()) / 1000) : 0;
    return {
      projection: name,
      generation: active.generation,
      position: checkpoint.position,
      head,
      eventsBehind,
      secondsBehind,
      failedPatients: Number(failed[0]?.n ?? 0),
      failures: failures.map((f) => ({ patientId: f.patient_id, ...f.error })),
      running: this.subscription !== undefined && !this.subscription.closed,
      partitions: checkpoints.map((c, partition) => ({ partition, ...(ownerOf.has(partition) && { owner: ownerOf.get(partition) }), position: c.position })),
      ...(building && { rebuilding: building.generation }),
      ...(this.lastError && { lastError: this.lastError }),
    };
  }

  /** Waits until the views have applied everything recorded so far (tests, CLI). */
  async caughtUp(timeoutMs = 30_000): Promise<void> {
    const target = await this.options.store.headPosition();
    const deadline = Date.now() + timeoutMs;
    while ((await this.status()).position < target) {
      if (Date.now() > deadline) throw new Error(`projection ${this.options.name} did not reach position ${target} in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Stops following the log and hands the partitions back to the other processes. */
  async stop(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.keeper.stop();
  }
}

import type { EventStore, SqlClient, StoredEvent } from '@app/event-store';
import { bufferTime, concatMap, defer, filter, from, retry, switchMap, timer, type Subscription } from 'rxjs';
import { readCheckpoint } from '../store/course-view-store.js';
import { activeTables, generationsOf } from '../store/generations.js';
import { migrateViews } from '../store/view-migrations.js';
import { applyBatchWithin, type Projector } from './apply-batch.js';

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
  readonly rebuilding?: number;
  readonly lastError?: string;
}

export interface RunnerOptions<V> extends Projector<V> {
  readonly name: string;
  readonly store: EventStore;
  readonly sql: SqlClient;
  readonly batchSize?: number;
  readonly batchMs?: number;
  readonly onBatch?: (info: { events: number; position: number }) => void;
  readonly onError?: (error: unknown) => void;
}

/** The active generation changed under the runner (a rebuild switched over): resubscribe from its checkpoint. */
class GenerationSwitched extends Error {}

/**
 * Feeds the per-patient views from the event log: catches up from its checkpoint, then follows
 * live appends. Each batch's view rows, audit entries and checkpoint commit in one transaction.
 * After a failure (database down) or a rebuild's switch-over it resubscribes from the committed
 * checkpoint of the active generation.
 */
export class ProjectionRunner<V> {
  private subscription?: Subscription;
  private lastError?: string;
  private schema?: Promise<void>;
  private generation?: number;

  constructor(private readonly options: RunnerOptions<V>) {}

  private ensureSchema(): Promise<void> {
    this.schema ??= migrateViews(this.options.sql);
    return this.schema;
  }

  async start(): Promise<void> {
    await this.ensureSchema();
    const { store, sql, name, batchSize = 1000, batchMs = 50 } = this.options;
    this.subscription = defer(async () => {
      const tables = await activeTables(sql, name);
      this.generation = tables.generation;
      return (await readCheckpoint(sql, tables.checkpoint)).position;
    })
      .pipe(
        switchMap((position) => store.subscribeToAll({ after: position, batchSize })),
        bufferTime(batchMs, null, batchSize),
        filter((batch) => batch.length > 0),
        concatMap((batch) => from(this.apply(batch))),
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

  /** Applies one batch of events to the active generation; public so tests can drive it without timing. */
  async apply(batch: readonly StoredEvent[]): Promise<void> {
    await this.ensureSchema();
    const last = batch[batch.length - 1];
    if (!last) return;
    await this.options.sql.transaction(async (tx) => {
      const { active } = await generationsOf(tx, this.options.name, 'share');
      if (this.generation !== undefined && active.generation !== this.generation) {
        this.generation = active.generation;
        throw new GenerationSwitched(`projection ${this.options.name} switched to generation ${active.generation}`);
      }
      this.generation = active.generation;
      await applyBatchWithin(tx, active, batch, this.options);
    });
    this.lastError = undefined;
    this.options.onBatch?.({ events: batch.length, position: last.position });
  }

  async status(): Promise<ProjectionStatus> {
    const { sql, store, name } = this.options;
    await this.ensureSchema();
    const { active, building } = await generationsOf(sql, name);
    const checkpoint = await readCheckpoint(sql, active.checkpoint);
    const [head, eventsBehind, failures, failed] = await Promise.all([
      store.headPosition(),
      store.countAfter(checkpoint.position, LAG_COUNT_CAP),
      sql.query<{ patient_id: string; error: { eventId: string; position: number; type: string; message: string } }>(`select patient_id, error from ${active.views} where error is not null order by patient_id limit 20`),
      sql.query<{ n: string | number }>(`select count(*) as n from ${active.views} where error is not null`),
    ]);
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

  stop(): void {
    this.subscription?.unsubscribe();
  }
}

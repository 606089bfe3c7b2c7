import type { RecordedPatientEvent } from '@app/domain';
import type { EventStore, SqlClient, StoredEvent } from '@app/event-store';
import { bufferTime, concatMap, defer, filter, from, retry, switchMap, type Subscription } from 'rxjs';
import type { CourseRecord } from '../course-record.js';
import { loadCourseViews, readCheckpoint, saveAuditEntries, saveCourseViews, writeCheckpoint } from '../store/course-view-store.js';
import { migrateViews } from '../store/view-migrations.js';
import { projectBatch } from './project-batch.js';

export interface ProjectionStatus {
  readonly projection: string;
  readonly position: number;
  readonly head: number;
  readonly eventsBehind: number;
  /** Age of the newest applied event when behind; 0 when caught up. */
  readonly secondsBehind: number;
  readonly failedPatients: number;
  readonly failures: { patientId: string; eventId: string; position: number; type: string; message: string }[];
  readonly running: boolean;
  readonly lastError?: string;
}

export interface RunnerOptions<V> {
  readonly name: string;
  readonly store: EventStore;
  readonly sql: SqlClient;
  readonly read: (stored: StoredEvent) => RecordedPatientEvent;
  readonly patientOf: (streamId: string) => string;
  readonly derive: (record: CourseRecord) => V;
  readonly batchSize?: number;
  readonly batchMs?: number;
  readonly onBatch?: (info: { events: number; position: number }) => void;
  readonly onError?: (error: unknown) => void;
}

/**
 * Feeds the per-patient views from the event log: catches up from its checkpoint, then follows
 * live appends. Each batch's view rows, audit entries and checkpoint commit in one transaction.
 * After a failure (database down) it resubscribes from the committed checkpoint.
 */
export class ProjectionRunner<V> {
  private subscription?: Subscription;
  private lastError?: string;
  private schema?: Promise<void>;

  constructor(private readonly options: RunnerOptions<V>) {}

  private ensureSchema(): Promise<void> {
    this.schema ??= migrateViews(this.options.sql);
    return this.schema;
  }

  async start(): Promise<void> {
    await this.ensureSchema();
    const { store, sql, name, batchSize = 1000, batchMs = 50 } = this.options;
    this.subscription = defer(() => from(readCheckpoint(sql, name)))
      .pipe(
        switchMap((checkpoint) => store.subscribeToAll({ after: checkpoint.position, batchSize })),
        bufferTime(batchMs, null, batchSize),
        filter((batch) => batch.length > 0),
        concatMap((batch) => from(this.apply(batch))),
        retry({
          delay: (error: unknown) => {
            this.lastError = error instanceof Error ? error.message : String(error);
            this.options.onError?.(error);
            return from(new Promise((r) => setTimeout(r, 1000)));
          },
        }),
      )
      .subscribe();
  }

  /** Applies one batch of events; public so tests can drive the runner without timing. */
  async apply(batch: readonly StoredEvent[]): Promise<void> {
    const { sql, name, patientOf, read, derive } = this.options;
    await this.ensureSchema();
    const last = batch[batch.length - 1];
    if (!last) return;
    await sql.transaction(async (tx) => {
      const checkpoint = await readCheckpoint(tx, name);
      const fresh = batch.filter((e) => e.position > checkpoint.position);
      if (fresh.length === 0) return;
      const rows = await loadCourseViews<V>(tx, [...new Set(fresh.map((e) => patientOf(e.streamId)))]);
      const outcome = projectBatch(fresh, rows, patientOf, read, derive);
      await saveCourseViews(tx, outcome.rows);
      await saveAuditEntries(tx, outcome.audit);
      await writeCheckpoint(tx, name, { position: last.position, lastRecordedAt: last.recordedAt });
    });
    this.lastError = undefined;
    this.options.onBatch?.({ events: batch.length, position: last.position });
  }

  async status(): Promise<ProjectionStatus> {
    const { sql, store, name } = this.options;
    await this.ensureSchema();
    const [checkpoint, head, failures] = await Promise.all([
      readCheckpoint(sql, name),
      store.headPosition(),
      sql.query<{ patient_id: string; error: { eventId: string; position: number; type: string; message: string } }>('select patient_id, error from course_views where error is not null order by patient_id limit 20'),
    ]);
    const failed = await sql.query<{ n: string | number }>('select count(*) as n from course_views where error is not null');
    const eventsBehind = Math.max(0, head - checkpoint.position);
    const secondsBehind = eventsBehind > 0 && checkpoint.lastRecordedAt ? Math.max(0, (Date.now() - checkpoint.lastRecordedAt.getTime()) / 1000) : 0;
    return {
      projection: name,
      position: checkpoint.position,
      head,
      eventsBehind,
      secondsBehind,
      failedPatients: Number(failed[0]?.n ?? 0),
      failures: failures.map((f) => ({ patientId: f.patient_id, ...f.error })),
      running: this.subscription !== undefined && !this.subscription.closed,
      ...(this.lastError && { lastError: this.lastError }),
    };
  }

  /** Waits until the views have applied everything recorded so far (tests, CLI). */
  async caughtUp(timeoutMs = 30_000): Promise<void> {
    const target = await this.options.store.headPosition();
    const deadline = Date.now() + timeoutMs;
    while ((await readCheckpoint(this.options.sql, this.options.name)).position < target) {
      if (Date.now() > deadline) throw new Error(`projection ${this.options.name} did not reach position ${target} in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }
}

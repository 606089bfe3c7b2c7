import type { SqlExecutor } from '@app/event-store';
import type { AuditEntry } from '../audit/audit-entry.js';
import type { CourseRecord } from '../course-record.js';
import type { ViewTables } from './generations.js';

/** Why a patient's views stopped: the event that could not be applied. Other patients go on. */
export interface ProjectionFailure {
  readonly eventId: string;
  readonly position: number;
  readonly type: string;
  readonly message: string;
}

/** What is stored per patient: the record, the views derived from it, or the failure that stopped it. */
export interface CourseViewRow<V> {
  readonly patientId: string;
  readonly record: CourseRecord;
  readonly views: V;
  readonly error?: ProjectionFailure;
}

interface Row<V> {
  patient_id: string;
  record: CourseRecord;
  views: V;
  error: ProjectionFailure | null;
}

export async function loadCourseViews<V>(db: SqlExecutor, tables: ViewTables, patientIds: readonly string[]): Promise<Map<string, CourseViewRow<V>>> {
  if (patientIds.length === 0) return new Map();
  const rows = await db.query<Row<V>>(`select patient_id, record, views, error from ${tables.views} where patient_id = any($1::text[])`, [patientIds]);
  return new Map(rows.map((r) => [r.patient_id, { patientId: r.patient_id, record: r.record, views: r.views, ...(r.error && { error: r.error }) }]));
}

export async function saveCourseViews<V>(db: SqlExecutor, tables: ViewTables, rows: readonly CourseViewRow<V>[]): Promise<void> {
  if (rows.length === 0) return;
  const payload = rows.map((r) => ({ patient_id: r.patientId, revision: r.record.revision, position: r.record.position, record: r.record, views: r.views, error: r.error ?? null }));
  await db.query(
    `insert into ${tables.views} (patient_id, revision, position, record, views, error)
     select patient_id, revision, position, record, views, error
     from jsonb_to_recordset($1::jsonb) as x(patient_id text, revision bigint, position bigint, record jsonb, views jsonb, error jsonb)
     on conflict (patient_id) do update set revision = excluded.revision, position = excluded.position,
       record = excluded.record, views = excluded.views, error = excluded.error
     where ${tables.views}.revision <= excluded.revision`,
    [JSON.stringify(payload)],
  );
}

export async function saveAuditEntries(db: SqlExecutor, tables: ViewTables, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `insert into ${tables.audit} (position, patient_id, event_id, type, action, target_event_id, recorded_by, recorded_at, reason, source, correlation_id)
     select "position", "patientId", "eventId", "type", "action", "targetEventId", "recordedBy", "recordedAt", "reason", "source", "correlationId"
     from jsonb_to_recordset($1::jsonb) as x("position" bigint, "patientId" text, "eventId" uuid, "type" text, "action" text, "targetEventId" uuid,
       "recordedBy" text, "recordedAt" timestamptz, "reason" text, "source" text, "correlationId" text)
     on conflict (position) do nothing`,
    [JSON.stringify(entries)],
  );
}

export interface Checkpoint {
  readonly position: number;
  readonly lastRecordedAt?: Date;
}

export async function readCheckpoint(db: SqlExecutor, projection: string): Promise<Checkpoint> {
  const rows = await db.query<{ position: string | number; last_recorded_at: Date | null }>('select position, last_recorded_at from projection_checkpoints where projection = $1', [projection]);
  const row = rows[0];
  return row ? { position: Number(row.position), ...(row.last_recorded_at && { lastRecordedAt: row.last_recorded_at }) } : { position: 0 };
}

export async function writeCheckpoint(db: SqlExecutor, projection: string, checkpoint: Checkpoint): Promise<void> {
  await db.query(
    `insert into projection_checkpoints (projection, position, last_recorded_at) values ($1, $2, $3)
     on conflict (projection) do update set position = excluded.position, last_recorded_at = excluded.last_recorded_at, updated_at = clock_timestamp()`,
    [projection, checkpoint.position, checkpoint.lastRecordedAt ?? null],
  );
}

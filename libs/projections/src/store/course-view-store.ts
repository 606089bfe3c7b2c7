import { copyBinary, type CopyColumnType, type SqlExecutor } from '@app/event-store';
import type { AuditEntry } from '../audit/audit-entry.js';
import type { CourseRecord } from '../course-record.js';
import type { ViewTables } from './generations.js';
import { insertRows } from './insert-rows.js';

/** Why a patient's views stopped: the event that could not be applied. Other patients go on. */
export interface ProjectionFailure {
  readonly eventId: string;
  readonly position: number;
  readonly type: string;
  readonly message: string;
}

/**
 * A patient's views as the runner handles them: the record they are derived from (in memory
 * only: the store's events are the record), the views, or the failure that stopped them (the
 * views then stay as they last were).
 */
export interface CourseViewRow<V> {
  readonly patientId: string;
  readonly record: CourseRecord;
  readonly views?: V;
  readonly error?: ProjectionFailure;
}

/** The views a projection derives: named documents (timeline, lines of therapy, ...). */
export type ViewDocuments = object;

/** Where a patient's stored views stand: the last event applied, and the failure that stopped them. */
export interface ViewState {
  readonly revision: number;
  readonly position: number;
  readonly error?: ProjectionFailure;
}

export async function loadViewStates(db: SqlExecutor, tables: ViewTables, patientIds: readonly string[]): Promise<Map<string, ViewState>> {
  if (patientIds.length === 0) return new Map();
  const rows = await db.query<{ patient_id: string; revision: string | number; position: string | number; error: ProjectionFailure | null }>(
    `select patient_id, revision, position, error from ${tables.views} where patient_id = any($1::text[])`,
    [patientIds],
  );
  return new Map(rows.map((r) => [r.patient_id, { revision: Number(r.revision), position: Number(r.position), ...(r.error && { error: r.error }) }]));
}

/** The site a patient was enrolled at: their stream's first fact (sites are fixed on corrections). */
export const siteOfRecord = (record: CourseRecord): string | null => {
  const site = record.facts[0]?.data['siteId'];
  return typeof site === 'string' ? site : null;
};

/**
 * Views are stored as JSON text, not jsonb: they are written whole and read whole (the API sends
 * a view as stored), so PostgreSQL need not parse them into jsonb and back, which cost most of a
 * rebuild's time. A stopped patient's row keeps its site (its record is not refolded).
 */
export async function saveCourseViews<V extends ViewDocuments>(db: SqlExecutor, tables: ViewTables, rows: readonly CourseViewRow<V>[]): Promise<void> {
  if (rows.length === 0) return;
  await insertRows(
    db,
    `insert into ${tables.views} (patient_id, revision, position, site_id, error)`,
    rows.map((r) => [r.patientId, r.record.revision, r.record.position, siteOfRecord(r.record), r.error ? JSON.stringify(r.error) : null]),
    `on conflict (patient_id) do update set revision = excluded.revision, position = excluded.position,
       site_id = coalesce(excluded.site_id, ${tables.views}.site_id), error = excluded.error
     where ${tables.views}.revision <= excluded.revision`,
  );
  const documents = rows.flatMap((r) => (r.error || !r.views ? [] : Object.entries(r.views).map(([view, value]) => [view, r.patientId, JSON.stringify(value ?? null)])));
  await insertRows(db, `insert into ${tables.documents} (view, patient_id, json)`, documents, 'on conflict (view, patient_id) do update set json = excluded.json');
}

const AUDIT_COLUMNS = 'position, patient_id, event_id, type, action, target_event_id, recorded_by, recorded_at, reason, source, correlation_id';
const AUDIT_COLUMN_TYPES: readonly CopyColumnType[] = ['bigint', 'text', 'uuid', 'text', 'text', 'uuid', 'text', 'timestamptz', 'text', 'text', 'text'];

/**
 * Audit rows are many and narrow. Into rows no one has written yet (a rebuild's course pass, whose
 * chunks commit with their progress) they go by COPY, PostgreSQL's bulk path; elsewhere as one
 * array per column (`unnest`), skipping rows already there.
 */
export async function saveAuditEntries(db: SqlExecutor, tables: ViewTables, entries: readonly AuditEntry[], { fresh = false }: { fresh?: boolean } = {}): Promise<void> {
  if (entries.length === 0) return;
  if (fresh) {
    const rows = entries.map((e) => [e.position, e.patientId, e.eventId, e.type, e.action, e.targetEventId, e.recordedBy, e.recordedAt, e.reason, e.source, e.correlationId]);
    await db.copyFrom(`copy ${tables.audit} (${AUDIT_COLUMNS}) from stdin with (format binary)`, copyBinary(AUDIT_COLUMN_TYPES, rows));
    return;
  }
  const column = <T>(of: (e: AuditEntry) => T) => entries.map(of);
  await db.query(
    `insert into ${tables.audit} (${AUDIT_COLUMNS})
     select * from unnest($1::bigint[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::timestamptz[], $9::text[], $10::text[], $11::text[])
     on conflict (position) do nothing`,
    [
      column((e) => e.position),
      column((e) => e.patientId),
      column((e) => e.eventId),
      column((e) => e.type),
      column((e) => e.action),
      column((e) => e.targetEventId ?? null),
      column((e) => e.recordedBy),
      column((e) => e.recordedAt),
      column((e) => e.reason ?? null),
      column((e) => e.source ?? null),
      column((e) => e.correlationId ?? null),
    ],
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

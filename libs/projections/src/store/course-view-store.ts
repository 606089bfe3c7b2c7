import { createHash } from 'node:crypto';
import { copyBinary, type CopyColumnType, type CopyValue, type SqlExecutor } from '@app/event-store';
import { isSealedIdentifiers } from '@app/domain';
import type { AuditEntry } from '../audit/audit-entry.js';
import type { CourseRecord } from '../course-record.js';
import type { ViewTables } from './generations.js';
import { insertRows } from './insert-rows.js';
import { packJson, packView, type PackedView } from './packed-view.js';

/** Why a patient's views stopped: the event that could not be applied. Other patients go on. */
export interface ProjectionFailure {
  readonly eventId: string;
  readonly position: number;
  readonly type: string;
  readonly message: string;
}

/** The views a projection derives: named documents (timeline, lines of therapy, ...). */
export type ViewDocuments = object;

/** A patient's views as stored and sent: each view's name and packed JSON text (see `PackedView`). */
export type PackedViews = readonly (readonly [view: string, packed: PackedView])[];

/**
 * Views are packed as soon as they are derived: a batch then holds one buffer per view until it
 * is written rather than thousands of objects, which the young generation's collector would copy
 * each time it ran in between (a rebuild's pipeline keeps a chunk in flight while it projects the
 * next).
 */
export const packedViewsOf = (views: ViewDocuments): PackedViews => Object.entries(views).map(([view, value]) => [view, packView(value)]);

/** A digest of each of a patient's views (of its JSON text), as last written. */
export type ViewDigests = ReadonlyMap<string, string>;

/**
 * The views that differ from those last written (`written`: their digests), packed, and the
 * digests of all of them. A fact changes one view or two of a course (a lab value, its timeline),
 * and documents were most of the rows a live batch wrote: on PGlite, whose writes hold appends
 * behind them, ~28 µs a row. A view that did not change is neither packed nor written again.
 */
export function changedViewsOf(views: ViewDocuments, written?: ViewDigests): { views: PackedViews; digests: ViewDigests } {
  const changed: [string, PackedView][] = [];
  const digests = new Map<string, string>();
  for (const [view, value] of Object.entries(views)) {
    const json = JSON.stringify(value ?? null);
    const digest = createHash('sha1').update(json).digest('base64');
    digests.set(view, digest);
    if (written?.get(view) !== digest) changed.push([view, packJson(json)]);
  }
  return { views: changed, digests };
}

/**
 * A patient's views as the runner handles them: the record they are derived from (in memory
 * only: the store's events are the record), the views, or the failure that stopped them (the
 * views then stay as they last were).
 */
export interface CourseViewRow {
  readonly patientId: string;
  readonly record: CourseRecord;
  /** The views to write: all of them, or (with `digests`) those that changed. */
  readonly views?: PackedViews;
  /** The digests of all the views the row stands for, written or unchanged (see `changedViewsOf`). */
  readonly digests?: ViewDigests;
  readonly error?: ProjectionFailure;
}

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
 * Whether any of the record's facts, as it stands or as a correction found it, holds sealed
 * identifiers (a fact's `identifiers`, which only enrolment has). The API opens them in each
 * timeline it sends; for every other patient it sends the stored timeline without searching it.
 */
export const holdsSealedIdentifiers = (record: CourseRecord): boolean =>
  record.facts.some((f) => isSealedIdentifiers(f.data['identifiers']) || f.amendments.some((a) => isSealedIdentifiers(a.replacedData?.['identifiers'])));

/**
 * Views are stored packed (gzip of the JSON text, see `PackedView`), not as jsonb: they are
 * written whole and read whole (the API sends a view as stored), so PostgreSQL need not parse them
 * into jsonb and back, which cost most of a rebuild's time. A stopped patient's row keeps its site
 * and what it said of sealed identifiers (its record is not refolded, and its documents stay as
 * they were).
 */
export async function saveCourseViews(db: SqlExecutor, tables: ViewTables, rows: readonly CourseViewRow[]): Promise<void> {
  await writeViewRows(db, tables, viewRowsOf(rows));
}

/** Rows as the statements bind them: what a pipelined batch holds until its turn to be written, without the records. */
export interface ViewRowValues {
  readonly views: readonly (readonly unknown[])[];
  readonly documents: readonly (readonly CopyValue[])[];
}

export const viewRowsOf = (rows: readonly CourseViewRow[]): ViewRowValues => ({
  views: rows.map((r) => [r.patientId, r.record.revision, r.record.position, siteOfRecord(r.record), r.error ? JSON.stringify(r.error) : null, r.error ? null : holdsSealedIdentifiers(r.record)]),
  documents: rows.flatMap((r) => (r.error || !r.views ? [] : r.views.map(([view, packed]) => [view, r.patientId, packed]))),
});

export async function writeViewRows(db: SqlExecutor, tables: ViewTables, { views, documents }: ViewRowValues): Promise<void> {
  if (views.length === 0) return;
  await writeViewStates(db, tables, views);
  await insertRows(db, `insert into ${tables.documents} (view, patient_id, packed)`, documents, 'on conflict (view, patient_id) do update set packed = excluded.packed');
}

async function writeViewStates(db: SqlExecutor, tables: ViewTables, views: ViewRowValues['views']): Promise<void> {
  await insertRows(
    db,
    `insert into ${tables.views} (patient_id, revision, position, site_id, error, sealed_identifiers)`,
    views,
    `on conflict (patient_id) do update set revision = excluded.revision, position = excluded.position,
       site_id = coalesce(excluded.site_id, ${tables.views}.site_id), error = excluded.error,
       sealed_identifiers = coalesce(excluded.sealed_identifiers, ${tables.views}.sealed_identifiers)
     where ${tables.views}.revision <= excluded.revision`,
  );
}

/**
 * A rebuild's chunk as it waits to be written: the view states' rows, and the documents and audit
 * rows as COPY's binary data, made when they are projected (see `packedViewsOf`).
 */
export interface NewViewRows {
  readonly views: ViewRowValues['views'];
  readonly documents: Uint8Array | undefined;
  readonly audit: Uint8Array | undefined;
}

export const newViewRowsOf = (rows: readonly CourseViewRow[], audit: readonly AuditEntry[]): NewViewRows => {
  const { views, documents } = viewRowsOf(rows);
  return { views, documents: copyDataOf(DOCUMENT_COLUMN_TYPES, documents), audit: copyDataOf(AUDIT_COLUMN_TYPES, audit.map(auditRowOf)) };
};

/**
 * Rows no one has written yet, by PostgreSQL's bulk path: a rebuild's course pass, whose chunks
 * commit with their progress, so a resumed pass never writes a row twice. The documents go by COPY
 * too: bound as parameters of an INSERT, a chunk's megabytes were held whole by the server, copied
 * again into the statement's plan and freed after it, and the allocator gave that memory back to
 * the kernel only to fault it in again for the next chunk (page faults were half of PostgreSQL's
 * CPU in a rebuild); COPY streams them through buffers of a fixed size.
 */
export async function copyNewViewRows(db: SqlExecutor, tables: ViewTables, { views, documents, audit }: NewViewRows): Promise<void> {
  if (views.length > 0) await writeViewStates(db, tables, views);
  if (documents) await db.copyFrom(`copy ${tables.documents} (view, patient_id, packed) from stdin with (format binary)`, documents);
  if (audit) await db.copyFrom(`copy ${tables.audit} (${AUDIT_COLUMNS}) from stdin with (format binary)`, audit);
}

const DOCUMENT_COLUMN_TYPES: readonly CopyColumnType[] = ['text', 'text', 'bytea'];
const AUDIT_COLUMNS = 'position, patient_id, event_id, type, action, target_event_id, recorded_by, recorded_at, reason, source, correlation_id';
const AUDIT_COLUMN_TYPES: readonly CopyColumnType[] = ['bigint', 'text', 'uuid', 'text', 'text', 'uuid', 'text', 'timestamptz', 'text', 'text', 'text'];

/** An audit entry's values in the order of AUDIT_COLUMNS. */
const auditRowOf = (e: AuditEntry): CopyValue[] => [e.position, e.patientId, e.eventId, e.type, e.action, e.targetEventId, e.recordedBy, e.recordedAt, e.reason, e.source, e.correlationId];

/**
 * Audit rows are many and narrow: they go as one array per column (`unnest`), skipping rows already
 * there. Rows no one has written yet (a rebuild's course pass) go by COPY: see `copyNewViewRows`.
 */
export async function saveAuditEntries(db: SqlExecutor, tables: ViewTables, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map(auditRowOf);
  await db.query(
    `insert into ${tables.audit} (${AUDIT_COLUMNS})
     select * from unnest(${AUDIT_COLUMN_TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})
     on conflict (position) do nothing`,
    AUDIT_COLUMN_TYPES.map((_, i) => rows.map((row) => row[i] ?? null)),
  );
}

/** Rows as COPY's binary data; none when there are no rows, so no COPY is sent for them. */
const copyDataOf = (columns: readonly CopyColumnType[], rows: readonly (readonly CopyValue[])[]): Uint8Array | undefined => (rows.length === 0 ? undefined : copyBinary(columns, rows));

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

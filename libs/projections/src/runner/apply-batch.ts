import type { RecordedPatientEvent } from '@app/domain';
import type { SqlExecutor, StoredEvent } from '@app/event-store';
import type { CourseRecord } from '../course-record.js';
import { loadCourseViews, readCheckpoint, saveAuditEntries, saveCourseViews, writeCheckpoint, type ViewDocuments } from '../store/course-view-store.js';
import type { ViewTables } from '../store/generations.js';
import { projectBatch } from './project-batch.js';

export interface Projector<V extends ViewDocuments> {
  readonly read: (stored: StoredEvent) => RecordedPatientEvent;
  readonly patientOf: (streamId: string) => string;
  readonly derive: (record: CourseRecord) => V;
}

/**
 * Applies a batch to one generation's tables inside the caller's transaction: events at or below
 * its checkpoint are skipped (a redelivery changes nothing), then the view rows, audit entries and
 * the new checkpoint are written together. Returns how many events were new.
 */
export async function applyBatchWithin<V extends ViewDocuments>(tx: SqlExecutor, tables: ViewTables, batch: readonly StoredEvent[], projector: Projector<V>): Promise<number> {
  const last = batch[batch.length - 1];
  if (!last) return 0;
  const checkpoint = await readCheckpoint(tx, tables.checkpoint);
  const fresh = batch.filter((e) => e.position > checkpoint.position);
  if (fresh.length === 0) return 0;
  await projectInto(tx, tables, fresh, projector);
  await writeCheckpoint(tx, tables.checkpoint, { position: last.position, lastRecordedAt: last.recordedAt });
  return fresh.length;
}

/** Loads the patients' rows, applies the events to them and stores rows and audit entries. */
export async function projectInto<V extends ViewDocuments>(tx: SqlExecutor, tables: ViewTables, events: readonly StoredEvent[], projector: Projector<V>): Promise<void> {
  if (events.length === 0) return;
  const rows = await loadCourseViews<V>(tx, tables, [...new Set(events.map((e) => projector.patientOf(e.streamId)))]);
  const outcome = projectBatch(events, rows, projector.patientOf, projector.read, projector.derive);
  await saveCourseViews(tx, tables, outcome.rows);
  await saveAuditEntries(tx, tables, outcome.audit);
}

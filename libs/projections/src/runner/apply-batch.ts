import type { RecordedPatientEvent } from '@app/domain';
import type { SqlExecutor, StoredEvent } from '@app/event-store';
import type { CourseRecord } from '../course-record.js';
import { loadCourseViews, saveAuditEntries, saveCourseViews, type ViewDocuments } from '../store/course-view-store.js';
import type { ViewTables } from '../store/generations.js';
import { projectBatch, type BatchOutcome } from './project-batch.js';

export interface Projector<V extends ViewDocuments> {
  readonly read: (stored: StoredEvent) => RecordedPatientEvent;
  readonly patientOf: (streamId: string) => string;
  readonly derive: (record: CourseRecord) => V;
}

/** Loads the patients' rows, applies the events to them and stores rows and audit entries. */
export async function projectInto<V extends ViewDocuments>(tx: SqlExecutor, tables: ViewTables, events: readonly StoredEvent[], projector: Projector<V>): Promise<void> {
  if (events.length === 0) return;
  const rows = await loadCourseViews<V>(tx, tables, [...new Set(events.map((e) => projector.patientOf(e.streamId)))]);
  await saveOutcome(tx, tables, projectBatch(events, rows, projector.patientOf, projector.read, projector.derive));
}

/** A projected batch's view rows and audit entries, written in the caller's transaction. */
export async function saveOutcome<V extends ViewDocuments>(tx: SqlExecutor, tables: ViewTables, outcome: BatchOutcome<V>): Promise<void> {
  await saveCourseViews(tx, tables, outcome.rows);
  await saveAuditEntries(tx, tables, outcome.audit);
}

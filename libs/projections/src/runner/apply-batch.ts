import type { RecordedPatientEvent } from '@app/domain';
import type { SqlExecutor, StoredEvent } from '@app/event-store';
import type { CourseRecord } from '../course-record.js';
import { saveAuditEntries, saveCourseViews, type ViewDocuments } from '../store/course-view-store.js';
import type { ViewTables } from '../store/generations.js';
import { priorRecords, type Courses } from './prior-records.js';
import type { RecordCache } from './record-cache.js';
import { projectBatch, type BatchOutcome } from './project-batch.js';

export interface Projector<V extends ViewDocuments> {
  readonly read: (stored: StoredEvent) => RecordedPatientEvent;
  readonly patientOf: (streamId: string) => string;
  readonly derive: (record: CourseRecord) => V;
}

/**
 * Refolds the patients' records as their views stand (from the cache, or from their courses read
 * beforehand: see `readCourses`), applies the events and stores rows and audit entries. Returns
 * what it wrote, for the cache once the transaction has committed.
 */
export async function projectInto<V extends ViewDocuments>(
  tx: SqlExecutor,
  tables: ViewTables,
  courses: Courses,
  events: readonly StoredEvent[],
  projector: Projector<V>,
  cache?: RecordCache,
): Promise<BatchOutcome<V> | undefined> {
  if (events.length === 0) return undefined;
  const rows = await priorRecords(tx, tables, [...new Set(events.map((e) => e.streamId))], courses, projector, cache);
  const outcome = projectBatch(events, rows, projector.patientOf, projector.read, projector.derive);
  await saveOutcome(tx, tables, outcome);
  return outcome;
}

/** A projected batch's view rows and audit entries, written in the caller's transaction. */
export async function saveOutcome<V extends ViewDocuments>(tx: SqlExecutor, tables: ViewTables, outcome: BatchOutcome<V>): Promise<void> {
  await saveCourseViews(tx, tables, outcome.rows);
  await saveAuditEntries(tx, tables, outcome.audit);
}

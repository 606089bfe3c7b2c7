import type { RecordedPatientEvent } from '@app/domain';
import type { EventStore, SqlExecutor, StoredEvent } from '@app/event-store';
import { applyAllToRecord, emptyRecord } from '../course-record.js';
import { loadViewStates, type CourseViewRow, type ViewDocuments, type ViewState } from '../store/course-view-store.js';
import type { ViewTables } from '../store/generations.js';
import type { Projector } from './apply-batch.js';
import { readUntilFailure } from './project-batch.js';
import type { RecordCache } from './record-cache.js';

/**
 * The courses' records as their stored views last stood: each course read from the event store
 * and folded up to the last event its views applied. The events are the record, so the views
 * tables keep no copy of it (written whole with every change, that copy was a third of what a
 * rebuild wrote). A course whose views stopped is not refolded: its later events wait behind the
 * failure. A course never projected is absent (it starts empty). A cached record is used when it
 * stands where the views stand; a course that was not read, or was read before its views moved on,
 * fails the batch with `StaleCourses` (read them and try again).
 */
export async function priorRecords<V extends ViewDocuments>(
  db: SqlExecutor,
  tables: ViewTables,
  streamIds: readonly string[],
  courses: Courses,
  projector: Projector<V>,
  cache?: RecordCache,
): Promise<Map<string, CourseViewRow>> {
  const streamOf = new Map(streamIds.map((s) => [projector.patientOf(s), s]));
  const states = await loadViewStates(db, tables, [...streamOf.keys()]);
  const rows = new Map<string, CourseViewRow>();
  const stale: string[] = [];
  for (const [patientId, state] of states) {
    if (state.error) {
      rows.set(patientId, { patientId, record: { ...emptyRecord(patientId), revision: state.revision, position: state.position }, error: state.error });
      continue;
    }
    const cached = cache?.get(patientId, state.revision, state.position);
    if (cached) {
      rows.set(patientId, { patientId, ...cached });
      continue;
    }
    const course = courses.get(streamOf.get(patientId) as string);
    const row = course && foldApplied(patientId, state, course.filter((e) => e.position <= state.position), projector.read);
    // Not read beforehand (it was cached, at another revision), or read before its views moved on.
    if (!row || row.record.revision !== state.revision) stale.push(patientId);
    else rows.set(patientId, row);
  }
  if (stale.length > 0) throw new StaleCourses(stale);
  return rows;
}

/** Courses that must be read again from the store before their batch is applied. */
export class StaleCourses extends Error {
  constructor(readonly patientIds: readonly string[]) {
    super(`${patientIds.length} course(s) to read again before applying the batch`);
  }
}

/** Courses read whole from the store, by stream id. */
export type Courses = ReadonlyMap<string, readonly StoredEvent[]>;

/**
 * Reads the courses before the batch's transaction: on PGlite the store and the views share one
 * connection, which the transaction holds; elsewhere it keeps the transaction short.
 */
export async function readCourses(store: EventStore, streamIds: readonly string[]): Promise<Courses> {
  const courses = await store.readStreams(streamIds);
  return new Map(streamIds.map((s, i) => [s, courses[i] ?? []]));
}

/**
 * Refolds events the views already applied. One that no longer reads (an upcaster changed since)
 * stops the course's views there, as it would have when first projected.
 */
function foldApplied(patientId: string, state: ViewState, applied: readonly StoredEvent[], read: (stored: StoredEvent) => RecordedPatientEvent): CourseViewRow {
  const { read: events, error } = readUntilFailure(applied, read);
  const record = applyAllToRecord(emptyRecord(patientId), events);
  // A failed row is written at the revision the views reached, so the stored row takes the failure.
  return error ? { patientId, record: { ...record, revision: state.revision, position: state.position }, error } : { patientId, record };
}

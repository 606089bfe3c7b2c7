import type { RecordedPatientEvent } from '@app/domain';
import { auditEntryOf, type AuditEntry } from '../audit/audit-entry.js';
import { applyAllToRecord, emptyRecord, type CourseRecord } from '../course-record.js';
import { changedViewsOf, packedViewsOf, type CourseViewRow, type ProjectionFailure, type ViewDocuments } from '../store/course-view-store.js';

/** Turns a stored event into the domain's shape (upcasting older versions); may throw. */
export type ReadEvent = (stored: { streamId: string; position: number; eventId: string; type: string }) => RecordedPatientEvent;

export interface BatchOutcome {
  readonly rows: CourseViewRow[];
  readonly audit: AuditEntry[];
}

/**
 * Reads a patient's stored events in order up to the first that cannot be read, which is returned
 * as the failure that stops the patient's views there.
 */
export function readUntilFailure<S extends { position: number; eventId: string; type: string }>(
  course: readonly S[],
  readEvent: (stored: S) => RecordedPatientEvent,
): { read: RecordedPatientEvent[]; error?: ProjectionFailure } {
  const read: RecordedPatientEvent[] = [];
  for (const stored of course) {
    try {
      read.push(readEvent(stored));
    } catch (e) {
      return { read, error: { eventId: stored.eventId, position: stored.position, type: stored.type, message: e instanceof Error ? e.message : String(e) } };
    }
  }
  return { read };
}

/**
 * Applies a batch of events to the patients' stored rows. Pure: the runner loads the rows and
 * stores the outcome. An event that cannot be read or applied stops that patient's views with a
 * recorded failure naming the event; the patient's later events wait behind it, nothing is skipped
 * silently, and other patients go on. With `keepDigests` (the live runner, which caches them) each
 * row carries its views' digests, and of its views only those that differ from the digests it
 * stood at (see `changedViewsOf`).
 */
export function projectBatch<S extends { streamId: string; position: number; eventId: string; type: string }, V extends ViewDocuments>(
  events: readonly S[],
  rows: ReadonlyMap<string, CourseViewRow>,
  patientOf: (streamId: string) => string,
  readEvent: (stored: S) => RecordedPatientEvent,
  derive: (record: CourseRecord) => V,
  keepDigests = false,
): BatchOutcome {
  const byPatient = new Map<string, S[]>();
  for (const stored of events) {
    const patientId = patientOf(stored.streamId);
    const course = byPatient.get(patientId);
    if (course) course.push(stored);
    else byPatient.set(patientId, [stored]);
  }
  const records = new Map<string, { record: CourseRecord; error?: CourseViewRow['error']; digests?: CourseViewRow['digests'] }>();
  const audit: AuditEntry[] = [];
  for (const [patientId, course] of byPatient) {
    const row = rows.get(patientId);
    const record = row?.record ?? emptyRecord(patientId);
    if (row?.error) {
      records.set(patientId, { record, error: row.error });
      continue;
    }
    const { read, error } = readUntilFailure(course, readEvent);
    for (const event of read) if (event.revision > record.revision) audit.push(auditEntryOf(event));
    records.set(patientId, { record: applyAllToRecord(record, read), ...(error && { error }), ...(row?.digests && { digests: row.digests }) });
  }
  const out: CourseViewRow[] = [];
  // A stopped patient's views stay as they last were: only the record and the failure are written.
  for (const [patientId, { record, error, digests }] of records) {
    if (error) {
      out.push({ patientId, record, error });
      continue;
    }
    try {
      const derived = derive(record);
      out.push({ patientId, record, ...(keepDigests ? changedViewsOf(derived, digests) : { views: packedViewsOf(derived) }) });
    } catch (e) {
      const last = record.facts.at(-1);
      out.push({ patientId, record, error: { eventId: last?.eventId ?? '', position: record.position, type: last?.type ?? '', message: `deriving the views failed: ${e instanceof Error ? e.message : String(e)}` } });
    }
  }
  return { rows: out, audit };
}

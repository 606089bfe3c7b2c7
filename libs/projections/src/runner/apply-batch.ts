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

/** The batch's events in slices of whole patients, each with about `budget` facts to derive from (at least one patient). */
export function slicesByPatient<S extends { streamId: string }>(events: readonly S[], factsOf: (streamId: string) => number, budget: number): S[][] {
  const byStream = new Map<string, S[]>();
  for (const e of events) {
    const course = byStream.get(e.streamId);
    if (course) course.push(e);
    else byStream.set(e.streamId, [e]);
  }
  const slices: S[][] = [];
  let slice: S[] = [];
  let facts = 0;
  for (const [streamId, course] of byStream) {
    const cost = factsOf(streamId) + course.length;
    if (slice.length > 0 && facts + cost > budget) {
      slices.push(slice);
      slice = [];
      facts = 0;
    }
    slice.push(...course);
    facts += cost;
  }
  if (slice.length > 0) slices.push(slice);
  return slices;
}

/**
 * Refolds the patients' records as their views stand (from the cache, or from their courses read
 * beforehand: see `readCourses`), applies the events and stores rows and audit entries, in slices
 * of `factsPerSlice` (see RunnerOptions.factsPerSlice). Returns what it wrote, for the cache
 * once the transaction has committed.
 */
export async function projectInto<V extends ViewDocuments>(
  tx: SqlExecutor,
  tables: ViewTables,
  courses: Courses,
  events: readonly StoredEvent[],
  projector: Projector<V>,
  cache?: RecordCache,
  factsPerSlice = Infinity,
): Promise<BatchOutcome | undefined> {
  return projectSlices(tx, tables, courses, events, projector, cache, factsPerSlice, (outcome) => saveOutcome(tx, tables, outcome));
}

/**
 * Derives the batch's rows and audit entries without writing them, a turn of the event loop
 * between slices, so that requests are served meanwhile: for a database with one session (PGlite),
 * whose transaction would hold every append behind it while the views are derived. The runner
 * sends the writes as one transaction that first checks nothing it read has moved.
 */
export function deriveAhead<V extends ViewDocuments>(
  db: SqlExecutor,
  tables: ViewTables,
  courses: Courses,
  events: readonly StoredEvent[],
  projector: Projector<V>,
  cache: RecordCache | undefined,
  factsPerSlice: number,
): Promise<BatchOutcome | undefined> {
  return projectSlices(db, tables, courses, events, projector, cache, factsPerSlice, nextTurn);
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function projectSlices<V extends ViewDocuments>(
  db: SqlExecutor,
  tables: ViewTables,
  courses: Courses,
  events: readonly StoredEvent[],
  projector: Projector<V>,
  cache: RecordCache | undefined,
  factsPerSlice: number,
  afterSlice: (outcome: BatchOutcome) => Promise<void>,
): Promise<BatchOutcome | undefined> {
  if (events.length === 0) return undefined;
  const rows = await priorRecords(db, tables, [...new Set(events.map((e) => e.streamId))], courses, projector, cache);
  const factsOf = (streamId: string) => rows.get(projector.patientOf(streamId))?.record.facts.length ?? 0;
  const projected: BatchOutcome = { rows: [], audit: [] };
  for (const slice of slicesByPatient(events, factsOf, factsPerSlice)) {
    const outcome = projectBatch(slice, rows, projector.patientOf, projector.read, projector.derive, true);
    await afterSlice(outcome);
    projected.rows.push(...outcome.rows);
    projected.audit.push(...outcome.audit);
  }
  return projected;
}

/** A projected batch's view rows and audit entries, written in the caller's transaction. */
export async function saveOutcome(tx: SqlExecutor, tables: ViewTables, outcome: BatchOutcome): Promise<void> {
  await saveCourseViews(tx, tables, outcome.rows);
  await saveAuditEntries(tx, tables, outcome.audit);
}

import { decide, evolve, isDomainError, type CommandMetadata, type CourseState, type FactLine, type PatientEvent } from '@app/domain';
import { DuplicateEventError, WrongExpectedRevisionError, type AppendRequest } from '@app/event-store';
import { loadCoursesWithIds } from './load-course.js';
import { patientStreamId, toNewEvent } from './patient-stream.js';
import type { RecordingContext } from './record-fact.js';

export interface RejectedLine {
  readonly line: number;
  readonly code: string;
  readonly field?: string;
  readonly eventId?: string;
  readonly message: string;
}

export interface PendingLine {
  readonly number: number;
  readonly line: FactLine;
  readonly eventId: string;
}

export interface Course {
  readonly state: CourseState;
  /** Stream revision once this batch's append lands (so the next batch can be decided meanwhile). */
  readonly revision: number | undefined;
  /**
   * Ids of the course's events, recorded or on their way: a line bearing one is already recorded.
   * Deciding a batch adds to it in place, as it moves the cached course on: a batch that does not
   * land takes its patients' courses out of the cache, so nothing keeps ids it did not record.
   */
  readonly eventIds: Set<string>;
}

export interface BatchOptions {
  readonly recordedBy: string;
  readonly source: string;
  readonly correlationId?: string;
  /** The caller's policy per line, on the patient's course (see RecordFactRequest.admit); a throw rejects the line. */
  readonly admit?: (line: FactLine, state: CourseState) => FactLine | Promise<FactLine>;
}

export interface DecidedBatch {
  readonly lines: readonly PendingLine[];
  readonly requests: readonly AppendRequest[];
  readonly patients: readonly string[];
  readonly rejected: readonly RejectedLine[];
  readonly alreadyRecorded: number;
  readonly recorded: number;
}

export function rejection(line: number, e: unknown): RejectedLine {
  if (isDomainError(e)) {
    const detail = e.issues.length > 1 ? e.issues.map((i) => `${i.field}: ${i.message}`).join('; ') : (e.issues[0]?.message ?? e.message);
    return { line, code: e.code, ...(e.field && { field: e.field }), ...(e.eventId && { eventId: e.eventId }), message: detail };
  }
  throw e;
}

/** Courses stay cached between batches (a patient's lines usually sit together), up to a bound. */
const MAX_CACHED_COURSES = 5000;

function remember(courses: Map<string, Course>, working: Map<string, Course>): void {
  for (const [patientId, course] of working) {
    courses.delete(patientId);
    courses.set(patientId, course);
  }
  for (const patientId of courses.keys()) {
    if (courses.size <= MAX_CACHED_COURSES) break;
    courses.delete(patientId);
  }
}

/**
 * Decides every line of a batch against its patient's course, as if the batches before it have
 * landed; the cache of courses moves on with it. Lines already in their patient's stream are
 * skipped, known from the course's event ids. An event id recorded in another patient's stream only
 * shows when the append refuses it; the batch is then decided again with `checkStore`, which asks
 * the store about every id and rejects such lines.
 */
export async function decideBatch(
  ctx: RecordingContext,
  lines: readonly PendingLine[],
  courses: Map<string, Course>,
  options: BatchOptions,
  { checkStore = false }: { checkStore?: boolean } = {},
): Promise<DecidedBatch> {
  const inStore = checkStore ? await ctx.store.existingEventIds(lines.map((p) => ({ eventId: p.eventId, streamId: patientStreamId(p.line.patientId) }))) : new Set<string>();
  const loaded = await loadCoursesWithIds(ctx.store, new Set(lines.map((p) => p.line.patientId).filter((id) => !courses.has(id))));
  const working = new Map<string, { state: CourseState; revision: number | undefined; eventIds: Set<string>; events: PatientEvent[] }>();
  const rejected: RejectedLine[] = [];
  const lineOfEventId = new Map<string, number>();
  let alreadyRecorded = 0;
  const now = ctx.clock().toISOString();
  for (const pending of lines) {
    const { patientId } = pending.line;
    let course = working.get(patientId);
    if (!course) {
      const known = (courses.get(patientId) ?? loaded.get(patientId)) as Course;
      course = { state: known.state, revision: known.revision, eventIds: known.eventIds, events: [] };
      working.set(patientId, course);
    }
    if (course.eventIds.has(pending.eventId) && !lineOfEventId.has(pending.eventId)) {
      alreadyRecorded++;
      continue;
    }
    if (inStore.has(pending.eventId)) {
      rejected.push({ line: pending.number, code: 'DUPLICATE_EVENT_ID', field: 'eventId', eventId: pending.eventId, message: `eventId ${pending.eventId} is already recorded for another patient` });
      continue;
    }
    const earlierLine = lineOfEventId.get(pending.eventId);
    if (earlierLine !== undefined) {
      rejected.push({ line: pending.number, code: 'DUPLICATE_EVENT_ID', field: 'eventId', eventId: pending.eventId, message: `eventId ${pending.eventId} is already used on line ${earlierLine}` });
      continue;
    }
    lineOfEventId.set(pending.eventId, pending.number);
    try {
      const line = options.admit ? await options.admit(pending.line, course.state) : pending.line;
      // Assigned, not spread in: one of these per line.
      const metadata: { -readonly [K in keyof CommandMetadata]: CommandMetadata[K] } = {
        now,
        eventId: pending.eventId,
        recordedBy: line.recordedBy ?? options.recordedBy,
        source: line.source ?? `${options.source}:${pending.number}`,
      };
      if (line.reason !== undefined) metadata.reason = line.reason;
      if (options.correlationId !== undefined) metadata.correlationId = options.correlationId;
      for (const event of decide({ type: 'RecordFact', patientId, fact: line, metadata }, course.state)) {
        course.state = evolve(course.state, event);
        course.events.push(event);
        course.eventIds.add(event.metadata.eventId);
      }
    } catch (e) {
      rejected.push(rejection(pending.number, e));
    }
  }
  const requests: AppendRequest[] = [];
  const after = new Map<string, Course>();
  for (const [patientId, course] of working) {
    if (course.events.length > 0) {
      requests.push({ streamId: patientStreamId(patientId), events: course.events.map(toNewEvent), expectedRevision: course.revision ?? 'no-stream' });
    }
    after.set(patientId, { state: course.state, revision: course.events.length > 0 ? (course.revision ?? -1) + course.events.length : course.revision, eventIds: course.eventIds });
  }
  remember(courses, after);
  return { lines, requests, patients: [...working.keys()], rejected, alreadyRecorded, recorded: requests.reduce((n, r) => n + r.events.length, 0) };
}

/**
 * Appends a decided batch atomically. A conflict says someone else wrote to one of its patients, or
 * an event id of this batch landed meanwhile (the batch before it had the same line): either way
 * the batch is decided again from the store.
 */
export async function appendBatch(ctx: RecordingContext, batch: DecidedBatch): Promise<'recorded' | 'conflict'> {
  try {
    await ctx.store.appendMany(batch.requests);
    return 'recorded';
  } catch (e) {
    if (e instanceof WrongExpectedRevisionError || e instanceof DuplicateEventError) return 'conflict';
    throw e;
  }
}

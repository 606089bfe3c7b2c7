import { decide, evolve, isDomainError, parseFactLine, type CourseState, type FactLine, type PatientEvent } from '@app/domain';
import { WrongExpectedRevisionError, type AppendRequest } from '@app/event-store';
import { derivedEventId } from './fact-identity.js';
import { loadCourse } from './load-course.js';
import { patientIdOf, patientStreamId, toNewEvent } from './patient-stream.js';
import type { RecordingContext } from './record-fact.js';

export interface RejectedLine {
  readonly line: number;
  readonly code: string;
  readonly field?: string;
  readonly eventId?: string;
  readonly message: string;
}

export interface ImportSummary {
  readonly lines: number;
  readonly recorded: number;
  /** Lines whose event was already in the store (a re-run): recorded nothing. */
  readonly alreadyRecorded: number;
  readonly rejected: readonly RejectedLine[];
  readonly patients: number;
}

export interface ImportOptions {
  readonly recordedBy: string;
  readonly source: string;
  readonly correlationId?: string;
  readonly batchSize?: number;
  readonly onProgress?: (progress: { lines: number; recorded: number; rejected: number }) => void;
}

interface PendingLine {
  readonly number: number;
  readonly line: FactLine;
  readonly eventId: string;
}

interface Course {
  state: CourseState;
  revision: number | undefined;
}

/**
 * Imports NDJSON facts: each line validated and decided on its own, bad lines reported with line
 * number, field and reason and recorded nowhere, good lines appended in atomic batches. Lines
 * starting with `#` and blank lines are comments.
 */
export async function importFacts(ctx: RecordingContext, lines: AsyncIterable<string> | Iterable<string>, options: ImportOptions): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 2000;
  const courses = new Map<string, Course>();
  const occurrences = new Map<string, number>();
  const rejected: RejectedLine[] = [];
  const patients = new Set<string>();
  let number = 0;
  let recorded = 0;
  let alreadyRecorded = 0;
  let batch: PendingLine[] = [];

  const flush = async () => {
    const outcome = await recordBatch(ctx, batch, courses, options);
    recorded += outcome.recorded;
    alreadyRecorded += outcome.alreadyRecorded;
    rejected.push(...outcome.rejected);
    batch = [];
    options.onProgress?.({ lines: number, recorded, rejected: rejected.length });
  };

  for await (const raw of lines) {
    number++;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) continue;
    try {
      const line = parseFactLine(text, number);
      const key = `${line.patientId}\n${text}`;
      const seen = occurrences.get(key) ?? 0;
      occurrences.set(key, seen + 1);
      patients.add(line.patientId);
      batch.push({ number, line, eventId: line.eventId ?? derivedEventId(line.patientId, text, seen) });
    } catch (e) {
      rejected.push(rejection(number, e));
    }
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return { lines: number, recorded, alreadyRecorded, rejected: rejected.sort((a, b) => a.line - b.line), patients: patients.size };
}

function rejection(line: number, e: unknown): RejectedLine {
  if (isDomainError(e)) {
    const detail = e.issues.length > 1 ? e.issues.map((i) => `${i.field}: ${i.message}`).join('; ') : e.issues[0]?.message ?? e.message;
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

async function recordBatch(ctx: RecordingContext, batch: PendingLine[], courses: Map<string, Course>, options: ImportOptions) {
  for (let attempt = 1; ; attempt++) {
    const existing = await ctx.store.existingEventIds(batch.map((p) => p.eventId));
    const working = new Map<string, Course>();
    const decided = new Map<string, PatientEvent[]>();
    const rejected: RejectedLine[] = [];
    const lineOfEventId = new Map<string, number>();
    let alreadyRecorded = 0;
    const now = ctx.clock().toISOString();
    for (const pending of batch) {
      if (existing.has(pending.eventId)) {
        alreadyRecorded++;
        continue;
      }
      const earlierLine = lineOfEventId.get(pending.eventId);
      if (earlierLine !== undefined) {
        rejected.push({ line: pending.number, code: 'DUPLICATE_EVENT_ID', field: 'eventId', eventId: pending.eventId, message: `eventId ${pending.eventId} is already used on line ${earlierLine}` });
        continue;
      }
      lineOfEventId.set(pending.eventId, pending.number);
      const { patientId } = pending.line;
      const course = working.get(patientId) ?? { ...(courses.get(patientId) ?? (await loadCourse(ctx.store, patientId))) };
      working.set(patientId, course);
      try {
        const metadata = {
          now,
          eventId: pending.eventId,
          recordedBy: pending.line.recordedBy ?? options.recordedBy,
          source: pending.line.source ?? `${options.source}:${pending.number}`,
          ...(pending.line.reason !== undefined && { reason: pending.line.reason }),
          ...(options.correlationId !== undefined && { correlationId: options.correlationId }),
        };
        const events = decide({ type: 'RecordFact', patientId, fact: pending.line, metadata }, course.state);
        for (const e of events) course.state = evolve(course.state, e);
        decided.set(patientId, [...(decided.get(patientId) ?? []), ...events]);
      } catch (e) {
        rejected.push(rejection(pending.number, e));
      }
    }
    const requests: AppendRequest[] = [...decided].map(([patientId, events]) => ({
      streamId: patientStreamId(patientId),
      events: events.map(toNewEvent),
      expectedRevision: working.get(patientId)?.revision ?? 'no-stream',
    }));
    try {
      const results = await ctx.store.appendMany(requests);
      for (const r of results) {
        const course = working.get(patientIdOf(r.streamId));
        if (course) course.revision = r.revision;
      }
      remember(courses, working);
      return { recorded: requests.reduce((n, r) => n + r.events.length, 0), alreadyRecorded, rejected };
    } catch (e) {
      // Someone else wrote to one of these patients meanwhile: forget what we knew and decide again.
      if (!(e instanceof WrongExpectedRevisionError) || attempt >= 3) throw e;
      for (const patientId of working.keys()) courses.delete(patientId);
    }
  }
}

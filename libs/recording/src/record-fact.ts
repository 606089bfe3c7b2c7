import { decide, foldCourse, type CommandMetadata, type CourseState } from '@app/domain';
import { WrongExpectedRevisionError, type AppendResult, type EventStore } from '@app/event-store';
import type { CourseCache } from './course-cache.js';
import { loadCourse, type LoadedCourse } from './load-course.js';
import { patientStreamId, toNewEvent } from './patient-stream.js';

export interface RecordFactRequest {
  readonly patientId: string;
  readonly fact: { readonly type: unknown; readonly data: unknown };
  /** Everything but `now` and `eventId`, which `clock` and `newId` provide. */
  readonly metadata: Omit<CommandMetadata, 'now' | 'eventId'> & { readonly eventId?: string };
  /** From If-Match: the stream revision the caller decided on. Absent: decide on the latest. */
  readonly expectedRevision?: number;
  readonly idempotencyKey?: string;
  /**
   * The caller's policy, run on the course before deciding (who may record what, for which site);
   * it returns the fact to decide on or throws a DomainError. Absent: everything is admitted.
   */
  readonly admit?: <F extends { readonly type: unknown; readonly data: unknown }>(fact: F, state: CourseState) => F | Promise<F>;
}

export interface RecordedFact {
  readonly patientId: string;
  readonly eventId: string;
  readonly type: string;
  readonly revision: number;
  readonly position: number;
  readonly replayed: boolean;
}

export interface RecordingContext {
  readonly store: EventStore;
  readonly clock: () => Date;
  readonly newId: () => string;
  /** Courses kept between commands; without it every command reads the patient's stream. */
  readonly courses?: CourseCache;
}

const MAX_ATTEMPTS = 3;

/**
 * Load the course, decide, append at the revision decided on. Without If-Match a concurrent
 * writer only means deciding again on fresher state; with it, the conflict is the caller's.
 */
export async function recordFact(ctx: RecordingContext, req: RecordFactRequest): Promise<RecordedFact> {
  const key = req.idempotencyKey ? `${req.patientId}:${req.idempotencyKey}` : undefined;
  const streamId = patientStreamId(req.patientId);
  for (let attempt = 1; ; attempt++) {
    const { state, revision } = await currentCourse(ctx, req, attempt);
    const fact = req.admit ? await req.admit(req.fact, state) : req.fact;
    if (key) {
      const earlier = await ctx.store.findIdempotentResult(key);
      if (earlier) return answer(ctx, req.patientId, earlier);
    }
    if (req.expectedRevision !== undefined && req.expectedRevision !== revision) {
      throw new WrongExpectedRevisionError(streamId, req.expectedRevision, revision);
    }
    const metadata: CommandMetadata = { ...req.metadata, now: ctx.clock().toISOString(), eventId: req.metadata.eventId ?? ctx.newId() };
    const events = decide({ type: 'RecordFact', patientId: req.patientId, fact, metadata }, state);
    try {
      const result = await ctx.store.append({ streamId, events: events.map(toNewEvent), expectedRevision: revision ?? 'no-stream', idempotencyKey: key });
      if (result.replayed) return answer(ctx, req.patientId, result);
      ctx.courses?.set(req.patientId, { state: foldCourse(events, state), revision: result.revision });
      const last = events[events.length - 1] as (typeof events)[number];
      return { patientId: req.patientId, eventId: last.metadata.eventId, type: last.type, revision: result.revision, position: result.lastPosition, replayed: false };
    } catch (e) {
      if (e instanceof WrongExpectedRevisionError) ctx.courses?.forget(req.patientId);
      if (!(e instanceof WrongExpectedRevisionError) || req.expectedRevision !== undefined || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}

/**
 * The course to decide on: the cached one on a first attempt, the stored one after a conflict, or
 * when the caller's If-Match disagrees with the cache (the cache may be the one that is behind).
 */
async function currentCourse(ctx: RecordingContext, req: RecordFactRequest, attempt: number): Promise<LoadedCourse> {
  const cached = attempt === 1 ? ctx.courses?.get(req.patientId) : undefined;
  if (cached && (req.expectedRevision === undefined || req.expectedRevision === cached.revision)) return cached;
  const stored = await loadCourse(ctx.store, req.patientId);
  if (stored.revision !== undefined) ctx.courses?.set(req.patientId, stored);
  return stored;
}

/** The answer given the first time, for a retried idempotency key. */
async function answer(ctx: RecordingContext, patientId: string, result: AppendResult): Promise<RecordedFact> {
  const [event] = await ctx.store.readStream(patientStreamId(patientId), { fromRevision: result.revision, limit: 1 });
  if (!event) throw new Error(`recorded event at revision ${result.revision} of ${patientId} not found`);
  return { patientId, eventId: event.eventId, type: event.type, revision: result.revision, position: result.lastPosition, replayed: result.replayed };
}

import type { EventStore, SqlClient, StoredEvent, StreamSummary } from '@app/event-store';
import { writeCoursePass, type CoursePass } from '../store/course-pass.js';
import { writeCheckpoint, type ViewDocuments } from '../store/course-view-store.js';
import type { ViewTables } from '../store/generations.js';
import { saveOutcome, type Projector } from './apply-batch.js';
import { projectBatch } from './project-batch.js';
import { later } from './later.js';

export interface CourseReplayOptions {
  /** Events per chunk, roughly: a chunk is whole courses and at least one. */
  readonly pageSize: number;
  /** After each chunk is projected (its write may still be on its way), with the pass's events so far. */
  readonly onChunk?: (applied: number) => void;
}

const LISTING = 1000;

/** Whole courses, in stream-id order after `after`, gathered into chunks of about `pageSize` events. */
async function* courseChunks(store: EventStore, after: string, pageSize: number): AsyncGenerator<readonly StreamSummary[]> {
  let chunk: StreamSummary[] = [];
  let events = 0;
  for (let page = await store.listStreams({ after, limit: LISTING }); page.length > 0; ) {
    for (const stream of page) {
      chunk.push(stream);
      events += stream.revision + 1;
      if (events >= pageSize) {
        yield chunk;
        chunk = [];
        events = 0;
      }
    }
    const last = page[page.length - 1] as StreamSummary;
    page = page.length < LISTING ? [] : await store.listStreams({ after: last.streamId, limit: LISTING });
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * A rebuild's first pass: every course up to the pass's head, read whole, folded, its views derived
 * and written once. Replaying the log in its own order instead would fold and rewrite a patient's
 * whole record and views in every page that touches them, and a registry's log interleaves
 * everyone's facts, so a page touches most patients. Chunks of courses commit in stream-id order,
 * each with the pass's progress; the last commit also sets the generation's checkpoint at the head,
 * from where the log-order replay takes what was appended since.
 */
export async function replayCourses<V extends ViewDocuments>(
  sql: SqlClient,
  store: EventStore,
  tables: ViewTables,
  projector: Projector<V>,
  pass: CoursePass,
  { pageSize, onChunk }: CourseReplayOptions,
): Promise<number> {
  const chunks = courseChunks(store, pass.afterStream, pageSize);
  const readChunk = async () => {
    const next = await chunks.next();
    if (next.done) return undefined;
    const courses = await Promise.all(next.value.map((s) => store.readStream(s.streamId)));
    // Later events are the log-order replay's, which starts at the head.
    return { streams: next.value, events: courses.flatMap((events) => events.filter((e) => e.position <= pass.head)) };
  };
  let next = later(readChunk());
  let writing: Promise<void> = Promise.resolve();
  let applied = pass.applied;
  let newest: StoredEvent | undefined;
  try {
    for (;;) {
      const chunk = await next;
      if (!chunk) break;
      next = later(readChunk());
      const outcome = projectBatch(chunk.events, new Map(), projector.patientOf, projector.read, projector.derive);
      for (const e of chunk.events) if (!newest || e.position > newest.position) newest = e;
      applied += chunk.events.length;
      const progress: CoursePass = { ...pass, afterStream: (chunk.streams[chunk.streams.length - 1] as StreamSummary).streamId, applied };
      await writing;
      writing = later(
        sql.transaction(async (tx) => {
          await saveOutcome(tx, tables, outcome);
          await writeCoursePass(tx, tables.checkpoint, progress);
        }),
      );
      onChunk?.(applied);
    }
  } catch (e) {
    await writing.catch(() => undefined); // not left running behind the caller's back
    throw e;
  }
  await writing;
  await sql.transaction(async (tx) => {
    await writeCheckpoint(tx, tables.checkpoint, { position: pass.head, ...(newest && { lastRecordedAt: newest.recordedAt }) });
    await writeCoursePass(tx, tables.checkpoint, { ...pass, applied, done: true });
  });
  return applied - pass.applied;
}

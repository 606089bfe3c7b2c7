import type { EventStore, SqlClient, StoredEvent, StreamSummary } from '@app/event-store';
import { writeCoursePassPart, type CoursePassPart } from '../store/course-pass.js';
import { copyNewViewRows, newViewRowsOf, type ViewDocuments } from '../store/course-view-store.js';
import type { ViewTables } from '../store/generations.js';
import type { Projector } from './apply-batch.js';
import { projectBatch } from './project-batch.js';
import { partitionOf } from './partitions.js';
import { pipelined } from './pipelined.js';

export interface CourseReplayOptions {
  /** Events per chunk, roughly: a chunk is whole courses and at least one. */
  readonly pageSize: number;
  /** After each chunk is projected (its write may still be on its way), with the partition's events so far. */
  readonly onChunk?: (applied: number) => void;
}

export interface CoursePartOutcome {
  /** Events replayed by this run of the partition. */
  readonly applied: number;
  /** Commit time of the latest event it replayed, for the checkpoint the pass ends with. */
  readonly newest?: Date;
}

const LISTING = 1000;

/** A partition's whole courses, in stream-id order after `after`, gathered into chunks of about `pageSize` events. */
async function* courseChunks(store: EventStore, after: string, mine: (streamId: string) => boolean, pageSize: number): AsyncGenerator<readonly StreamSummary[]> {
  let chunk: StreamSummary[] = [];
  let events = 0;
  for (let page = await store.listStreams({ after, limit: LISTING }); page.length > 0; ) {
    for (const stream of page) {
      if (!mine(stream.streamId)) continue;
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
 * One partition of a rebuild's first pass: each of its courses up to the pass's head, read whole,
 * folded, its views derived and written once. Replaying the log in its own order instead would
 * refold a patient's whole course and rewrite their views in every page that touches them, and a
 * registry's log interleaves everyone's facts, so a page touches most patients. Chunks of courses
 * commit in stream-id order, each with the partition's progress.
 */
export async function replayCourses<V extends ViewDocuments>(
  sql: SqlClient,
  store: EventStore,
  tables: ViewTables,
  projector: Projector<V>,
  part: CoursePassPart,
  { pageSize, onChunk }: CourseReplayOptions,
): Promise<CoursePartOutcome> {
  const { index, count } = part.partition;
  const chunks = courseChunks(store, part.afterStream, (streamId) => partitionOf(projector.patientOf(streamId), count) === index, pageSize);
  let applied = part.applied;
  let newest: StoredEvent | undefined;
  await pipelined(sql, {
    read: async () => {
      const next = await chunks.next();
      if (next.done) return undefined;
      const courses = await store.readStreams(next.value.map((s) => s.streamId));
      // Later events are the log-order replay's, which starts at the head.
      return { streams: next.value, events: courses.flatMap((events) => events.filter((e) => e.position <= part.head)) };
    },
    project: (chunk) => {
      const outcome = projectBatch(chunk.events, new Map(), projector.patientOf, projector.read, projector.derive);
      // Held as statement values and COPY data until the chunk before has committed; the records
      // and audit entries are garbage from here on (see `packedViewsOf`).
      const rows = newViewRowsOf(outcome.rows, outcome.audit);
      for (const e of chunk.events) if (!newest || e.position > newest.position) newest = e;
      applied += chunk.events.length;
      const progress: CoursePassPart = { ...part, afterStream: (chunk.streams[chunk.streams.length - 1] as StreamSummary).streamId, applied };
      return async (tx) => {
        // A chunk lost to a crash goes with its progress, and the resumed pass writes it again; the
        // switch to the new tables commits durably, and everything before it with it.
        await tx.query('set local synchronous_commit = off');
        // Each chunk's rows are new: a resumed pass starts after the last chunk it committed.
        await copyNewViewRows(tx, tables, rows);
        await writeCoursePassPart(tx, progress);
      };
    },
    started: () => onChunk?.(applied),
  });
  await writeCoursePassPart(sql, { ...part, applied, done: true });
  return { applied: applied - part.applied, ...(newest && { newest: newest.recordedAt }) };
}

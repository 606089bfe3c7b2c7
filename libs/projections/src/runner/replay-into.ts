import type { EventStore, SqlClient, StoredEvent } from '@app/event-store';
import { readCheckpoint, writeCheckpoint, type CourseViewRow, type ViewDocuments } from '../store/course-view-store.js';
import type { ViewTables } from '../store/generations.js';
import { saveOutcome, type Projector } from './apply-batch.js';
import { pipelined } from './pipelined.js';
import { priorRecords, readCourses } from './prior-records.js';
import { projectBatch } from './project-batch.js';

export interface ReplayOptions {
  readonly pageSize: number;
  /** After each page is projected (its write may still be on its way). */
  readonly onPage?: (position: number, applied: number) => void;
}

/**
 * Replays the log into a generation's tables from its checkpoint, page by page, pipelined (see
 * `pipelined`). Each page commits with its rows, audit entries and checkpoint in one transaction:
 * an interrupted replay resumes after the last committed page. A patient met in the page before is
 * taken from memory, since that page's rows may not be committed yet; everyone else's record is
 * refolded from the store up to where their committed row stands.
 */
export async function replayInto<V extends ViewDocuments>(sql: SqlClient, store: EventStore, tables: ViewTables, projector: Projector<V>, { pageSize, onPage }: ReplayOptions): Promise<number> {
  let after: number | undefined;
  let previous = new Map<string, CourseViewRow>();
  let applied = 0;
  await pipelined<readonly StoredEvent[]>(sql, {
    read: async () => {
      after ??= (await readCheckpoint(sql, tables.checkpoint)).position;
      const page = await store.readAll({ after, limit: pageSize });
      after = page.at(-1)?.position ?? after;
      return page.length > 0 ? page : undefined;
    },
    project: async (page) => {
      const last = page[page.length - 1] as StoredEvent;
      const streams = [...new Set(page.map((e) => e.streamId))];
      const unseen = streams.filter((s) => !previous.has(projector.patientOf(s)));
      const rows = await priorRecords(sql, tables, unseen, await readCourses(store, unseen), projector);
      for (const [p, row] of previous) rows.set(p, row);
      const outcome = projectBatch(page, rows, projector.patientOf, projector.read, projector.derive);
      previous = new Map(outcome.rows.map((r) => [r.patientId, r]));
      return async (tx) => {
        await saveOutcome(tx, tables, outcome);
        await writeCheckpoint(tx, tables.checkpoint, { position: last.position, lastRecordedAt: last.recordedAt });
      };
    },
    started: (page) => {
      applied += page.length;
      onPage?.((page[page.length - 1] as StoredEvent).position, applied);
    },
  });
  return applied;
}

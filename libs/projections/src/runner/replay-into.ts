import type { EventStore, SqlClient, StoredEvent } from '@app/event-store';
import { loadCourseViews, readCheckpoint, writeCheckpoint, type CourseViewRow, type ViewDocuments } from '../store/course-view-store.js';
import type { ViewTables } from '../store/generations.js';
import { saveOutcome, type Projector } from './apply-batch.js';
import { later } from './later.js';
import { projectBatch } from './project-batch.js';

export interface ReplayOptions {
  readonly pageSize: number;
  /** After each page is projected (its write may still be on its way). */
  readonly onPage?: (position: number, applied: number) => void;
}

/**
 * Replays the log into a generation's tables from its checkpoint, page by page, as a pipeline:
 * the next page is read while this one is projected, and this one is projected while the one
 * before commits, so the database and Node work at the same time. Pages commit in order, each
 * with its rows, audit entries and checkpoint in one transaction: an interrupted replay resumes
 * after the last committed page. A patient met in the page before is taken from memory, since
 * that page's rows may not be committed yet; everyone else's row is committed and read back.
 */
export async function replayInto<V extends ViewDocuments>(sql: SqlClient, store: EventStore, tables: ViewTables, projector: Projector<V>, { pageSize, onPage }: ReplayOptions): Promise<number> {
  let next = later(readCheckpoint(sql, tables.checkpoint).then(({ position }) => store.readAll({ after: position, limit: pageSize })));
  let writing: Promise<void> = Promise.resolve();
  let previous = new Map<string, CourseViewRow<V>>();
  let applied = 0;
  try {
    for (;;) {
      const page: readonly StoredEvent[] = await next;
      const last = page[page.length - 1];
      if (!last) break;
      next = later(store.readAll({ after: last.position, limit: pageSize }));
      const patients = [...new Set(page.map((e) => projector.patientOf(e.streamId)))];
      const rows = await loadCourseViews<V>(sql, tables, patients.filter((p) => !previous.has(p)));
      for (const p of patients) {
        const row = previous.get(p);
        if (row) rows.set(p, row);
      }
      const outcome = projectBatch(page, rows, projector.patientOf, projector.read, projector.derive);
      await writing;
      writing = later(
        sql.transaction(async (tx) => {
          await saveOutcome(tx, tables, outcome);
          await writeCheckpoint(tx, tables.checkpoint, { position: last.position, lastRecordedAt: last.recordedAt });
        }),
      );
      previous = new Map(outcome.rows.map((r) => [r.patientId, r]));
      applied += page.length;
      onPage?.(last.position, applied);
    }
  } catch (e) {
    await writing.catch(() => undefined); // not left running behind the caller's back
    throw e;
  }
  await writing;
  return applied;
}

import type { SqlExecutor } from '@app/event-store';
import type { CourseViewRow, ProjectionFailure } from './course-view-store.js';
import { loadCourseViews } from './course-view-store.js';
import type { ViewTables } from './generations.js';

/** A patient's stored views, or undefined when the projection has not seen the patient. */
export async function findCourseView<V>(db: SqlExecutor, tables: ViewTables, patientId: string): Promise<CourseViewRow<V> | undefined> {
  return (await loadCourseViews<V>(db, tables, [patientId])).get(patientId);
}

/** Every patient's stored views, in patient order, paged. */
export async function listCourseViews<V>(db: SqlExecutor, tables: ViewTables, after: string, limit: number): Promise<CourseViewRow<V>[]> {
  const rows = await db.query<{ patient_id: string }>(`select patient_id from ${tables.views} where patient_id > $1 order by patient_id limit $2`, [after, limit]);
  const views = await loadCourseViews<V>(db, tables, rows.map((r) => r.patient_id));
  return rows.map((r) => views.get(r.patient_id) as CourseViewRow<V>);
}

/**
 * One view of one patient as stored JSON text, without parsing it: the API sends it as it is.
 * Returns the revision it was projected at, so a caller can tell whether it is current.
 */
export async function findCourseViewJson(db: SqlExecutor, tables: ViewTables, patientId: string, view: string): Promise<{ revision: number; json: string | null; error: ProjectionFailure | null } | undefined> {
  const rows = await db.query<{ revision: string | number; json: string | null; error: ProjectionFailure | null }>(
    `select revision, (views -> $2)::text as json, error from ${tables.views} where patient_id = $1`,
    [patientId, view],
  );
  const row = rows[0];
  return row && { revision: Number(row.revision), json: row.json, error: row.error };
}

import type { SqlExecutor } from '@app/event-store';
import type { ProjectionFailure } from './course-view-store.js';
import type { ViewTables } from './generations.js';

/** A stored view as JSON text, the revision it was projected at, and the stream's revision if asked. */
export interface StoredViewJson {
  readonly revision: number;
  readonly json: string | null;
  readonly error: ProjectionFailure | null;
  readonly streamRevision?: number;
}

/**
 * Every view a patient reads runs this statement, and planning it was a fifth of PostgreSQL's time
 * under load: each text (one a generation of the tables) gets a name, so a server parses and plans
 * it once per connection. Names are this process's own, as its connections are.
 */
const statementNames = new Map<string, string>();
const statementNameOf = (text: string): string => {
  let name = statementNames.get(text);
  if (name === undefined) statementNames.set(text, (name = `tte_course_view_${statementNames.size + 1}`));
  return name;
};

/**
 * One view of one patient as stored JSON text, without parsing it: the API sends it as it is.
 * Returns the revision it was projected at, so a caller can tell whether it is current; given the
 * store's `streamRevisionSql` (events in the same database), the stream's revision comes with it.
 */
export async function findCourseViewJson(
  db: SqlExecutor,
  tables: ViewTables,
  patientId: string,
  view: string,
  stream?: { readonly id: string; readonly revisionSql: (parameter: string) => string },
): Promise<StoredViewJson | undefined> {
  const text = `select v.revision, d.json, v.error${stream ? `, ${stream.revisionSql('$3')} as stream_revision` : ''}
     from ${tables.views} v left join ${tables.documents} d on d.view = $2 and d.patient_id = v.patient_id where v.patient_id = $1`;
  const rows = await db.query<{ revision: string | number; json: string | null; error: ProjectionFailure | null; stream_revision?: string | number | null }>(
    text,
    stream ? [patientId, view, stream.id] : [patientId, view],
    { name: statementNameOf(text) },
  );
  const row = rows[0];
  if (!row) return undefined;
  const streamRevision = row.stream_revision === undefined || row.stream_revision === null ? undefined : Number(row.stream_revision);
  return { revision: Number(row.revision), json: row.json, error: row.error, ...(streamRevision !== undefined && { streamRevision }) };
}

/** One view of every patient, in patient order, paged: the stored JSON texts, parsed. */
export async function listViewDocuments<T>(db: SqlExecutor, tables: ViewTables, view: string, after: string, limit: number): Promise<{ patientId: string; value: T }[]> {
  const rows = await db.query<{ patient_id: string; json: string }>(`select patient_id, json from ${tables.documents} where view = $1 and patient_id > $2 order by patient_id limit $3`, [view, after, limit]);
  return rows.map((r) => ({ patientId: r.patient_id, value: JSON.parse(r.json) as T }));
}

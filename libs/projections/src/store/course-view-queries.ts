import type { SqlClient, SqlExecutor } from '@app/event-store';
import type { ProjectionFailure } from './course-view-store.js';
import type { ViewTables } from './generations.js';
import { byteaOfText, unpackView, type PackedView } from './packed-view.js';

/** A stored view, packed, the revision it was projected at, and the stream's revision if asked. */
export interface StoredView {
  readonly revision: number;
  readonly packed: PackedView | null;
  readonly error: ProjectionFailure | null;
  readonly streamRevision?: number;
  /** Whether the patient's record holds sealed identifiers; absent where its row does not say (written before it did). */
  readonly sealedIdentifiers?: boolean;
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
 * One view of one patient as stored (packed), neither unpacked nor parsed: the API sends it as it
 * is to a client that takes gzip. Returns the revision it was projected at, so a caller can tell
 * whether it is current; given the store's `streamRevisionSql` (events in the same database), the
 * stream's revision comes with it.
 */
export async function findCourseView(
  db: SqlClient,
  tables: ViewTables,
  patientId: string,
  view: string,
  stream?: { readonly id: string; readonly revisionSql: (parameter: string) => string },
): Promise<StoredView | undefined> {
  const text = `select v.revision, d.packed, v.error, v.sealed_identifiers${stream ? `, ${stream.revisionSql('$3')} as stream_revision` : ''}
     from ${tables.views} v left join ${tables.documents} d on d.view = $2 and d.patient_id = v.patient_id where v.patient_id = $1`;
  const [row] = await db.queryBytes(text, stream ? [patientId, view, stream.id] : [patientId, view], { name: statementNameOf(text) });
  if (!row) return undefined;
  const [revision, packed, error, sealed, streamRevision] = row;
  return {
    revision: Number(revision?.toString()),
    packed: packed ? byteaOfText(packed) : null,
    error: error ? (JSON.parse(error.toString('utf8')) as ProjectionFailure) : null,
    ...(streamRevision && { streamRevision: Number(streamRevision.toString()) }),
    ...(sealed && { sealedIdentifiers: sealed.toString() === 't' }),
  };
}

/** One view of every patient, in patient order, paged: the stored documents, unpacked and parsed. */
export async function listViewDocuments<T>(db: SqlExecutor, tables: ViewTables, view: string, after: string, limit: number): Promise<{ patientId: string; value: T }[]> {
  const rows = await db.query<{ patient_id: string; packed: Uint8Array }>(`select patient_id, packed from ${tables.documents} where view = $1 and patient_id > $2 order by patient_id limit $3`, [view, after, limit]);
  return rows.map((r) => ({ patientId: r.patient_id, value: JSON.parse(unpackView(r.packed).toString('utf8')) as T }));
}

/** The patients the views place at one of `sites` (their enrolment's site). */
export async function patientsAtSites(db: SqlExecutor, tables: ViewTables, sites: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ patient_id: string }>(`select patient_id from ${tables.views} where site_id = any($1::text[])`, [sites]);
  return rows.map((r) => r.patient_id);
}

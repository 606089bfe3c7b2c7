import type { SqlExecutor } from '../../libs/event-store/src/postgres/sql-client.js';
import { unpackView } from '../../libs/projections/src/store/packed-view.js';

/** A documents table's rows in (view, patient) order, each document unpacked to its JSON text, so a difference reads as one. */
export async function storedDocuments(db: SqlExecutor, table: string): Promise<{ view: string; patient_id: string; json: string }[]> {
  const rows = await db.query<{ view: string; patient_id: string; packed: Uint8Array }>(`select view, patient_id, packed from ${table} order by view, patient_id`);
  return rows.map((r) => ({ view: r.view, patient_id: r.patient_id, json: unpackView(r.packed).toString('utf8') }));
}

/** One patient's document, parsed. */
export async function storedDocument<T>(db: SqlExecutor, table: string, patientId: string, view: string): Promise<T | undefined> {
  const [row] = await db.query<{ packed: Uint8Array }>(`select packed from ${table} where patient_id = $1 and view = $2`, [patientId, view]);
  return row && (JSON.parse(unpackView(row.packed).toString('utf8')) as T);
}

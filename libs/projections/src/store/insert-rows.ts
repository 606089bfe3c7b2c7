import type { SqlExecutor } from '@app/event-store';

/** PostgreSQL's limit on bind parameters in one statement. */
const MAX_PARAMETERS = 65_535;

/**
 * Inserts rows as one multi-row VALUES statement (chunked under the parameter limit). Each value
 * travels as its own bind parameter, so large JSON texts are neither escaped into an array
 * literal nor parsed out of one, which made `unnest` and `jsonb_to_recordset` several times slower.
 */
export async function insertRows(db: SqlExecutor, insertInto: string, rows: readonly (readonly unknown[])[], onConflict: string): Promise<void> {
  const width = rows[0]?.length ?? 0;
  if (width === 0) return;
  const perStatement = Math.floor(MAX_PARAMETERS / width);
  for (let from = 0; from < rows.length; from += perStatement) {
    const chunk = rows.slice(from, from + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(',')})`);
    await db.query(`${insertInto} values ${tuples.join(',')} ${onConflict}`, params);
  }
}

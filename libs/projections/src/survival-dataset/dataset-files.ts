import { stringify } from 'csv-stringify/sync';
import { parquetWriteBuffer } from 'hyparquet-writer';
/** A dataset row: ADTTE with covariates, or its de-identified form (fewer columns). */
type Row = object;

/** ADTTE columns first, in CDISC order (those the rows have), then the trace columns, then the covariates as they come. */
const LEADING = ['STUDYID', 'USUBJID', 'PARAMCD', 'PARAM', 'STARTDT', 'STARTDTF', 'ADT', 'ADTF', 'AVAL', 'AVALU', 'months', 'CNSR', 'EVNTDESC', 'CNSDTDSC', 'SRCDOM', 'SRCVAR', 'SRCSEQ'];

export function datasetColumns(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  const rest: string[] = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (seen.has(key)) continue;
      seen.add(key);
      if (!LEADING.includes(key)) rest.push(key);
    }
  }
  return [...(rows.length === 0 ? LEADING : LEADING.filter((c) => seen.has(c))), ...rest];
}

const cell = (row: Row, column: string): unknown => (row as Record<string, unknown>)[column] ?? null;

/** CSV with a header row, as analysts load it into R, SAS or a spreadsheet. */
export function datasetCsv(rows: readonly Row[]): string {
  const columns = datasetColumns(rows);
  return stringify(
    rows.map((r) => columns.map((c) => cell(r, c))),
    { header: true, columns, cast: { boolean: (b) => (b ? 'true' : 'false'), object: (o) => JSON.stringify(o) } },
  );
}

/** Parquet, typed per column: numbers as DOUBLE, flags as BOOLEAN, everything else as UTF-8 text. */
export function datasetParquet(rows: readonly Row[]): Uint8Array {
  const columnData = datasetColumns(rows).map((name) => {
    const values = rows.map((r) => cell(r, name));
    const present = values.filter((v) => v !== null);
    if (present.length > 0 && present.every((v) => typeof v === 'number')) return { name, data: values as (number | null)[], type: 'DOUBLE' as const };
    if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return { name, data: values as (boolean | null)[], type: 'BOOLEAN' as const };
    return { name, data: values.map((v) => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v))), type: 'STRING' as const };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}

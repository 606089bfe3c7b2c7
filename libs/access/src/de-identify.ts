import type { Pseudonymise } from './pseudonyms.js';

/**
 * What an analyst may see of an ADTTE dataset (HIPAA Safe Harbor as the bar): subjects and sites
 * under keyed pseudonyms; no real dates (time is AVAL, days from the origin); no subject numbers,
 * names, birth dates or record numbers; ages above 89 as 90 ("90 or older"); no event ids or log
 * positions that would lead back to the identified record. Survival times and censoring are
 * untouched, so every estimate is the same as on the identified data.
 */
export interface DatasetRow {
  readonly STUDYID: string;
  readonly USUBJID: string;
}

/** Columns that trace a row to the identified record, or are dates or direct identifiers. */
const DROPPED = new Set(['STARTDT', 'ADT', 'SUBJID', 'eventId', 'position', 'originEventId', 'originPosition', 'SRCSEQ']);
const IDENTIFYING_FIELD = /(date|occurredon|birth|name|subjectid|recordnumber|mrn|address|phone|email|note|identifiers)/i;
const DATE_VALUE = /^\d{4}(-\d{2}(-\d{2}(T.*)?)?)?$/;
const AGE_FIELD = /^(AGE|.*age.*Years)$/;
const OLDEST_REPORTED_AGE = 90;

export function deIdentifyRow<R extends DatasetRow>(row: R, pseudonymise: Pseudonymise): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const columns = row as unknown as Readonly<Record<string, unknown>>;
  for (const [column, value] of Object.entries(columns)) {
    if (DROPPED.has(column)) continue;
    if (column.includes('.') && IDENTIFYING_FIELD.test(column.slice(column.indexOf('.') + 1))) continue;
    if (typeof value === 'string' && DATE_VALUE.test(value) && column !== 'STUDYID') continue;
    if (AGE_FIELD.test(column) && typeof value === 'number') out[column] = value > 89 ? OLDEST_REPORTED_AGE : value;
    else out[column] = value;
  }
  out['USUBJID'] = pseudonymise(row.STUDYID, row.USUBJID);
  if (typeof columns['SITEID'] === 'string') out['SITEID'] = pseudonymise(row.STUDYID, `site:${columns['SITEID']}`);
  if (typeof columns['enrolment.siteId'] === 'string') out['enrolment.siteId'] = pseudonymise(row.STUDYID, `site:${columns['enrolment.siteId']}`);
  return out;
}

export function deIdentifyDataset<R extends DatasetRow, X extends DatasetRow>(dataset: { rows: readonly R[]; excluded: readonly X[] }, pseudonymise: Pseudonymise) {
  return {
    rows: dataset.rows.map((r) => deIdentifyRow(r, pseudonymise)),
    excluded: dataset.excluded.map((x) => ({ ...x, USUBJID: pseudonymise(x.STUDYID, x.USUBJID) })),
    deIdentified: true as const,
  };
}

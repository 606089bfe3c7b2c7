import type { AdtteRow } from '@app/survival';
import type { CovariateValue, FlatFields, SubjectCovariates } from './covariates.js';
import type { FlatFieldList } from './flat-fields.js';

/** An ADTTE row with the patient's baseline as joinable columns. */
export type AdtteDatasetRow = AdtteRow & SubjectCovariates & FlatFields;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A patient's covariate columns, set once and copied into each of their rows. */
export type SubjectRow = Writable<AdtteDatasetRow>;

/**
 * Every row of a given set of columns is a copy of one template, and its values are then set:
 * copying an object whose properties already exist is far cheaper than adding some fifty
 * properties to each row (V8 then shares one hidden class). Column order is the rows' contract
 * (JSON, CSV): the ADTTE columns, the flattened baseline fields, then the named covariates.
 */
interface Layout {
  readonly next: Map<string, Layout>;
  template?: AdtteDatasetRow;
}

const ADTTE_COLUMNS = [
  'STUDYID', 'USUBJID', 'PARAMCD', 'PARAM', 'STARTDT', 'STARTDTF', 'ADT', 'ADTF', 'AVAL', 'AVALU', 'months', 'CNSR', 'EVNTDESC', 'CNSDTDSC',
  'SRCDOM', 'SRCVAR', 'SRCSEQ', 'source', 'eventId', 'position', 'originEventId', 'originPosition', 'clampedToOrigin', 'cappedAtCutoff',
] as const satisfies readonly (keyof AdtteRow)[];
const COVARIATE_COLUMNS = ['SUBJID', 'SITEID', 'SEX', 'AGE', 'AGEU', 'AGEGR1', 'EMSITE', 'CARTSRC', 'CARTTGT'] as const satisfies readonly (keyof SubjectCovariates)[];

// A column added to AdtteRow or SubjectCovariates but not listed above fails to compile here.
type Unlisted = Exclude<keyof AdtteRow, (typeof ADTTE_COLUMNS)[number]> | Exclude<keyof SubjectCovariates, (typeof COVARIATE_COLUMNS)[number]>;
const _everyColumnListed: [Unlisted] extends [never] ? true : never = true;

let layouts: Layout = { next: new Map() };
let templates = 0;

// Built by Object.fromEntries: V8 gives it fast properties, where some fifty computed-key stores would give a hash table, slow to copy.
const templateOf = (fields: readonly string[]): AdtteDatasetRow =>
  Object.fromEntries([...ADTTE_COLUMNS, ...fields, ...COVARIATE_COLUMNS].map((column) => [column, null])) as unknown as AdtteDatasetRow;

/** The template for rows whose flattened fields are `fields`, found by walking the layouts column by column. */
function templateFor(fields: readonly string[]): AdtteDatasetRow {
  if (templates > 1_000) {
    layouts = { next: new Map() };
    templates = 0;
  }
  let layout = layouts;
  for (const column of fields) {
    let next = layout.next.get(column);
    if (next === undefined) {
      next = { next: new Map() };
      layout.next.set(column, next);
    }
    layout = next;
  }
  if (layout.template === undefined) {
    layout.template = templateOf(fields);
    templates++;
  }
  return layout.template;
}

/** A patient's covariates in row form; the ADTTE columns are left for datasetRow to set. */
export function subjectRowOf(fields: FlatFieldList, covariates: SubjectCovariates): SubjectRow {
  const row: SubjectRow = { ...templateFor(fields.columns) };
  const flat = row as unknown as Record<string, CovariateValue>;
  const { columns, values } = fields;
  for (let i = 0; i < columns.length; i++) flat[columns[i] as string] = values[i] ?? null;
  row.SUBJID = covariates.SUBJID;
  row.SITEID = covariates.SITEID;
  row.SEX = covariates.SEX;
  row.AGE = covariates.AGE;
  row.AGEU = covariates.AGEU;
  row.AGEGR1 = covariates.AGEGR1;
  row.EMSITE = covariates.EMSITE;
  row.CARTSRC = covariates.CARTSRC;
  row.CARTTGT = covariates.CARTTGT;
  return row;
}

/** One endpoint's row for the patient: a copy of their covariate row with the ADTTE columns set. */
export function datasetRow(subject: SubjectRow, adtte: AdtteRow): AdtteDatasetRow {
  const row: SubjectRow = { ...subject };
  row.STUDYID = adtte.STUDYID;
  row.USUBJID = adtte.USUBJID;
  row.PARAMCD = adtte.PARAMCD;
  row.PARAM = adtte.PARAM;
  row.STARTDT = adtte.STARTDT;
  row.STARTDTF = adtte.STARTDTF;
  row.ADT = adtte.ADT;
  row.ADTF = adtte.ADTF;
  row.AVAL = adtte.AVAL;
  row.AVALU = adtte.AVALU;
  row.months = adtte.months;
  row.CNSR = adtte.CNSR;
  row.EVNTDESC = adtte.EVNTDESC;
  row.CNSDTDSC = adtte.CNSDTDSC;
  row.SRCDOM = adtte.SRCDOM;
  row.SRCVAR = adtte.SRCVAR;
  row.SRCSEQ = adtte.SRCSEQ;
  row.source = adtte.source;
  row.eventId = adtte.eventId;
  row.position = adtte.position;
  row.originEventId = adtte.originEventId;
  row.originPosition = adtte.originPosition;
  row.clampedToOrigin = adtte.clampedToOrigin;
  row.cappedAtCutoff = adtte.cappedAtCutoff;
  return row;
}

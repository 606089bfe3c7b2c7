import { compareClinicalDates, daysBetween, isExtramedullary, precisionOf, type Site } from '@app/domain';
import type { CourseRecord, RecordedFact } from '../course-record.js';
import { flatFieldsOf, type FlatFieldList } from './flat-fields.js';

export type CovariateValue = string | number | boolean | null;

/** <10 and 10-17 are the paediatric groups of the seed papers' cohorts, >=18 adult; by age in years, fractions included (17.9 is 10-17). */
export type AgeGroup = '<10' | '10-17' | '>=18';

/** Baseline columns joined to each ADTTE row, named as ADSL would name them where it has a name. */
export interface SubjectCovariates {
  readonly SUBJID: string | null;
  readonly SITEID: string | null;
  readonly SEX: string | null;
  /** Age at enrolment in years: as recorded, else from a full birth date. */
  readonly AGE: number | null;
  readonly AGEU: 'YEARS';
  readonly AGEGR1: AgeGroup | null;
  /** Extramedullary site(s) of the relapse that preceded the first infusion ('CNS', 'CNS+testis'); 'none' if marrow only. */
  readonly EMSITE: string | null;
  readonly CARTSRC: string | null;
  readonly CARTTGT: string | null;
}

/** Every field of the enrolment and of the first infusion, flattened: 'firstInfusion.dose.value'. */
export type FlatFields = { readonly [column: `enrolment.${string}` | `firstInfusion.${string}`]: CovariateValue };

/** The facts a patient's baseline is read from. */
export interface Baseline {
  readonly enrolment: RecordedFact | undefined;
  readonly infusion: RecordedFact | undefined;
  /** The relapse that preceded the first infusion. */
  readonly relapse: RecordedFact | undefined;
}

const byClinicalOrder = (a: RecordedFact, b: RecordedFact): number =>
  compareClinicalDates(a.occurredOn ?? '9999', b.occurredOn ?? '9999') || a.revision - b.revision;

const text = (fact: RecordedFact | undefined, key: string): string | null => {
  const v = fact?.data[key];
  return typeof v === 'string' ? v : null;
};

export const ageGroupOf = (age: number): AgeGroup => (age < 10 ? '<10' : age < 18 ? '10-17' : '>=18');

function ageOf(enrolment: RecordedFact | undefined): number | null {
  const recorded = enrolment?.data['ageAtEnrolmentYears'];
  if (typeof recorded === 'number') return recorded;
  const birth = text(enrolment, 'birthDate');
  const on = enrolment?.occurredOn;
  if (birth === null || on === undefined || precisionOf(birth) !== 'day' || precisionOf(on) !== 'day') return null;
  return daysBetween(birth, on) / 365.25;
}

/** CNS and CSF are one site for analysis, 'CNS'; the others keep the record's word. */
function emSiteOf(relapse: RecordedFact | undefined): string | null {
  if (relapse === undefined) return null;
  const sites = Array.isArray(relapse.data['sites']) ? (relapse.data['sites'] as readonly { site: Site }[]) : [];
  const labels = sites.filter((s) => isExtramedullary(s.site)).map((s) => (s.site === 'cns' || s.site === 'csf' ? 'CNS' : s.site));
  return labels.length === 0 ? 'none' : [...new Set(labels)].join('+');
}

/** Facts of some types to collect in the same pass, e.g. those a dataset's endpoints can select. */
export interface Collect {
  readonly types: ReadonlySet<string>;
  readonly into: RecordedFact[];
}

/**
 * The enrolment, the first CAR-T infusion in clinical order, and the last relapse before it, in
 * one pass over the course: a dataset reads this for every patient. Ties keep stream order.
 */
export function baselineOf(record: CourseRecord, collect?: Collect): Baseline {
  let enrolment: RecordedFact | undefined;
  let infusion: RecordedFact | undefined;
  let relapses: RecordedFact[] | undefined;
  for (const f of record.facts) {
    if (f.retracted) continue;
    if (f.type === 'PatientEnrolled') enrolment ??= f;
    else if (f.type === 'CarTInfused') infusion = infusion === undefined || byClinicalOrder(f, infusion) < 0 ? f : infusion;
    else if (f.type === 'RelapseRecorded') (relapses ??= []).push(f);
    if (collect?.types.has(f.type)) collect.into.push(f);
  }
  let relapse: RecordedFact | undefined;
  if (infusion && relapses) for (const r of relapses) if (byClinicalOrder(r, infusion) < 0 && (relapse === undefined || byClinicalOrder(r, relapse) >= 0)) relapse = r;
  return { enrolment, infusion, relapse };
}

/** The named covariates of a baseline. */
export function subjectCovariatesOf({ enrolment, infusion, relapse }: Baseline): SubjectCovariates {
  const product = infusion?.data['product'] as Readonly<Record<string, unknown>> | undefined;
  const age = ageOf(enrolment);
  return {
    SUBJID: text(enrolment, 'subjectId'),
    SITEID: text(enrolment, 'siteId'),
    SEX: text(enrolment, 'sex'),
    AGE: age,
    AGEU: 'YEARS',
    AGEGR1: age === null ? null : ageGroupOf(age),
    EMSITE: emSiteOf(relapse),
    CARTSRC: typeof product?.['source'] === 'string' ? product['source'] : null,
    CARTTGT: typeof product?.['target'] === 'string' ? product['target'] : null,
  };
}

/** The enrolment's and the first infusion's fields, flattened, in column order. */
export function baselineFieldsOf({ enrolment, infusion }: Baseline): FlatFieldList {
  const fields: FlatFieldList = { columns: [], values: [] };
  if (enrolment) flatFieldsOf('enrolment', enrolment.data, fields);
  if (infusion) flatFieldsOf('firstInfusion', infusion.data, fields);
  return fields;
}

/** The baseline of a patient's course: enrolment, the first CAR-T infusion, and the relapse before it. */
export function covariatesOf(record: CourseRecord): SubjectCovariates & FlatFields {
  const baseline = baselineOf(record);
  const { columns, values } = baselineFieldsOf(baseline);
  const flat: Record<string, CovariateValue> = {};
  columns.forEach((column, i) => (flat[column] = values[i] ?? null));
  // Assigned onto the flattened fields rather than spread: the covariates are many dynamic keys.
  return Object.assign(flat as FlatFields, subjectCovariatesOf(baseline));
}

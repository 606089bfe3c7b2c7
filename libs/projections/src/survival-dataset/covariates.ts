import { compareClinicalDates, daysBetween, isExtramedullary, precisionOf, type Site } from '@app/domain';
import type { CourseRecord, RecordedFact } from '../course-record.js';

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

function flatten(prefix: string, value: unknown, out: Record<string, CovariateValue>): void {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[prefix] = value;
  else if (Array.isArray(value)) value.forEach((v: unknown, i) => flatten(`${prefix}.${i}`, v, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(`${prefix}.${k}`, v, out);
}

/** The baseline of a patient's course: enrolment, the first CAR-T infusion, and the relapse before it. */
export function covariatesOf(record: CourseRecord): SubjectCovariates & FlatFields {
  // One pass over the course: a dataset derives this for every patient.
  let enrolment: RecordedFact | undefined;
  const infusions: RecordedFact[] = [];
  const relapses: RecordedFact[] = [];
  for (const f of record.facts) {
    if (f.retracted) continue;
    if (f.type === 'PatientEnrolled') enrolment ??= f;
    else if (f.type === 'CarTInfused') infusions.push(f);
    else if (f.type === 'RelapseRecorded') relapses.push(f);
  }
  const infusion = infusions.sort(byClinicalOrder)[0];
  const relapse = infusion && relapses.filter((r) => byClinicalOrder(r, infusion) < 0).sort(byClinicalOrder).at(-1);
  const product = infusion?.data['product'] as Readonly<Record<string, unknown>> | undefined;
  const age = ageOf(enrolment);
  const flat: Record<string, CovariateValue> = {};
  if (enrolment) flatten('enrolment', enrolment.data, flat);
  if (infusion) flatten('firstInfusion', infusion.data, flat);
  // Assigned onto the flattened fields rather than spread: the covariates are many dynamic keys.
  return Object.assign(flat as FlatFields, <SubjectCovariates>{
    SUBJID: text(enrolment, 'subjectId'),
    SITEID: text(enrolment, 'siteId'),
    SEX: text(enrolment, 'sex'),
    AGE: age,
    AGEU: 'YEARS',
    AGEGR1: age === null ? null : ageGroupOf(age),
    EMSITE: emSiteOf(relapse),
    CARTSRC: typeof product?.['source'] === 'string' ? product['source'] : null,
    CARTTGT: typeof product?.['target'] === 'string' ? product['target'] : null,
  });
}

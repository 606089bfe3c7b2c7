import { compareClinicalDates, daysBetween, isExtramedullary, precisionOf, type Site } from '@app/domain';
import { EFS, EFS_CENSORED_AT_HSCT, eventSource, OS, RFS, type EndpointDefinition, type TimeToEvent } from '@app/survival';
import { fixtureEvents, recordedStreams } from '../../../../test/support/fixture-events.js';
import { generateCohort } from '../../../../test/support/synthetic-cohort.js';
import { referenceTimeToEvent } from '../../../survival/src/testing/reference-time-to-event.js';
import { recordOf, standing, type CourseRecord, type RecordedFact } from '../course-record.js';
import { adtteDataset } from './adtte-dataset.js';
import { covariatesOf } from './covariates.js';
import { survivalSubjectOf } from './survival-facts.js';

/**
 * adtteDataset reads each record once for all endpoints and builds rows from templates; here the
 * dataset is derived the plain way (each endpoint on its own, the baseline sorted and flattened
 * into an object, joined by Object.assign) and the two must serialise to the same text: same
 * rows, same exclusions, same columns in the same order.
 */
const records = (lines: Map<string, Parameters<typeof recordOf>[1]>): CourseRecord[] => [...lines].map(([id, events]) => recordOf(id, events));
const seeds = [...records(fixtureEvents('seed-000.ndjson')), ...records(fixtureEvents('seed-001.ndjson'))];
// Synthetic courses have second infusions, HSCTs, partial dates, corrections and retractions.
const cohort = records(recordedStreams(generateCohort({ patients: 400, seed: 11 })));

const byClinicalOrder = (a: RecordedFact, b: RecordedFact): number => compareClinicalDates(a.occurredOn ?? '9999', b.occurredOn ?? '9999') || a.revision - b.revision;

function flatten(prefix: string, value: unknown, out: Record<string, unknown>): void {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[prefix] = value;
  else if (Array.isArray(value)) value.forEach((v: unknown, i) => flatten(`${prefix}.${i}`, v, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(`${prefix}.${k}`, v, out);
}

/** The covariates as first written: filter, sort, flatten into an object. */
function plainCovariates(record: CourseRecord): Record<string, unknown> {
  const enrolment = standing(record, 'PatientEnrolled')[0];
  const infusion = standing(record, 'CarTInfused').sort(byClinicalOrder)[0];
  const relapse = infusion && standing(record, 'RelapseRecorded').filter((r) => byClinicalOrder(r, infusion) < 0).sort(byClinicalOrder).at(-1);
  const text = (f: RecordedFact | undefined, key: string): string | null => (typeof f?.data[key] === 'string' ? (f.data[key] as string) : null);
  const recorded = enrolment?.data['ageAtEnrolmentYears'];
  const birth = text(enrolment, 'birthDate');
  const on = enrolment?.occurredOn;
  const age = typeof recorded === 'number' ? recorded : birth === null || on === undefined || precisionOf(birth) !== 'day' || precisionOf(on) !== 'day' ? null : daysBetween(birth, on) / 365.25;
  const sites = relapse && Array.isArray(relapse.data['sites']) ? (relapse.data['sites'] as readonly { site: Site }[]) : [];
  const labels = sites.filter((s) => isExtramedullary(s.site)).map((s) => (s.site === 'cns' || s.site === 'csf' ? 'CNS' : s.site));
  const product = infusion?.data['product'] as Readonly<Record<string, unknown>> | undefined;
  const flat: Record<string, unknown> = {};
  if (enrolment) flatten('enrolment', enrolment.data, flat);
  if (infusion) flatten('firstInfusion', infusion.data, flat);
  return Object.assign(flat, {
    SUBJID: text(enrolment, 'subjectId'),
    SITEID: text(enrolment, 'siteId'),
    SEX: text(enrolment, 'sex'),
    AGE: age,
    AGEU: 'YEARS',
    AGEGR1: age === null ? null : age < 10 ? '<10' : age < 18 ? '10-17' : '>=18',
    EMSITE: relapse === undefined ? null : labels.length === 0 ? 'none' : [...new Set(labels)].join('+'),
    CARTSRC: typeof product?.['source'] === 'string' ? product['source'] : null,
    CARTTGT: typeof product?.['target'] === 'string' ? product['target'] : null,
  });
}

function plainDataset(all: readonly CourseRecord[], endpoints: readonly EndpointDefinition[], options: { cutoff?: string }): { rows: unknown[]; excluded: TimeToEvent[] } {
  const rows: unknown[] = [];
  const excluded: TimeToEvent[] = [];
  for (const record of all) {
    const subject = survivalSubjectOf(record);
    for (const endpoint of endpoints) {
      const result = referenceTimeToEvent(subject, endpoint, options);
      if ('excluded' in result) excluded.push(result);
      else rows.push(Object.assign(result, plainCovariates(record)));
    }
  }
  return { rows, excluded };
}

const cnsRelapse = eventSource({ name: 'cns_relapse', select: { type: 'RelapseRecorded', where: [{ path: 'sites.site', in: ['cns', 'csf'] }] }, evntdesc: 'CNS RELAPSE' });
const ENDPOINTS = [EFS, OS, EFS_CENSORED_AT_HSCT, RFS, { ...RFS, paramcd: 'CNSRFS', events: [cnsRelapse], imputation: { event: 'last' as const, censor: 'middle' as const } }];

describe('the dataset against the plain derivation', () => {
  it.each([
    ['the seed fixtures', seeds],
    ['a synthetic cohort', cohort],
  ])('1. %s: the same rows and exclusions, column for column, with and without a data cutoff', (_, all) => {
    for (const options of [{}, { cutoff: '2020-06-30' }, { cutoff: '2022-01-15' }]) {
      expect(JSON.stringify(adtteDataset(all, ENDPOINTS, options))).toBe(JSON.stringify(plainDataset(all, ENDPOINTS, options)));
      expect(JSON.stringify(adtteDataset(all, [OS], options))).toBe(JSON.stringify(plainDataset(all, [OS], options)));
    }
  });

  it('2. covariatesOf gives the plain covariates, key for key', () => {
    for (const record of [...seeds, ...cohort]) expect(JSON.stringify(covariatesOf(record))).toBe(JSON.stringify(plainCovariates(record)));
  });

  it('3. rows are plain objects: own properties only, shared by no other row', () => {
    const { rows } = adtteDataset(cohort.slice(0, 20), [EFS, OS]);
    const [efs, os] = rows;
    expect(Object.getPrototypeOf(efs)).toBe(Object.prototype);
    expect(efs).not.toBe(os);
    expect(Object.keys(efs ?? {})).toEqual(Object.keys(os ?? {}));
  });
});

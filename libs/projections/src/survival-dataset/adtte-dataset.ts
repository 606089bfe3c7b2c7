import { endpointFactTypes, isExcluded, timesToEvent, type DerivationOptions, type EndpointDefinition, type ExcludedSubject } from '@app/survival';
import type { CourseRecord, RecordedFact } from '../course-record.js';
import { checkCutoff } from '../views/time-travel.js';
import { baselineFieldsOf, baselineOf, subjectCovariatesOf } from './covariates.js';
import { datasetRow, subjectRowOf, type AdtteDatasetRow, type SubjectRow } from './dataset-row.js';

export type { AdtteDatasetRow } from './dataset-row.js';

/**
 * The rows, one per patient per endpoint (patients in the order given, endpoints in the order
 * given), and the patients an endpoint could not be derived for, each with the reason: a
 * subject is never dropped silently.
 */
export interface AdtteDataset {
  readonly rows: readonly AdtteDatasetRow[];
  readonly excluded: readonly ExcludedSubject[];
}

/**
 * What is the patient's, not the endpoint's, is read once per patient: the baseline (the
 * enrolment gives STUDYID too), the facts in clinical order, the covariate columns.
 */
export function adtteDataset(records: Iterable<CourseRecord>, endpoints: readonly EndpointDefinition[], options: DerivationOptions = {}): AdtteDataset {
  const { cutoff } = options;
  if (cutoff !== undefined) checkCutoff(cutoff);
  const derive = timesToEvent(endpoints, options);
  const types = new Set(endpoints.flatMap((e) => [...endpointFactTypes(e)]));
  const rows: AdtteDatasetRow[] = [];
  const excluded: ExcludedSubject[] = [];
  for (const record of records) {
    // A recorded fact is a survival fact as it stands: corrections applied, retracted ones skipped.
    const facts: RecordedFact[] = [];
    const baseline = baselineOf(record, { types, into: facts });
    const studyId = baseline.enrolment?.data['studyId'];
    const results = derive({ studyId: typeof studyId === 'string' ? studyId : '', usubjid: record.patientId, facts });
    let subject: SubjectRow | undefined;
    for (const result of results) {
      if (isExcluded(result)) excluded.push(result);
      else rows.push(datasetRow((subject ??= subjectRowOf(baselineFieldsOf(baseline), subjectCovariatesOf(baseline))), result));
    }
  }
  return { rows, excluded };
}

import {
  deriveTimeToEvent,
  endpointFactTypes,
  isExcluded,
  type AdtteRow,
  type DerivationOptions,
  type EndpointDefinition,
  type ExcludedSubject,
} from '@app/survival';
import type { CourseRecord } from '../course-record.js';
import { checkCutoff } from '../views/time-travel.js';
import { covariatesOf, type FlatFields, type SubjectCovariates } from './covariates.js';
import { survivalSubjectOf } from './survival-facts.js';

/** An ADTTE row with the patient's baseline as joinable columns. */
export type AdtteDatasetRow = AdtteRow & SubjectCovariates & FlatFields;

/**
 * The rows, one per patient per endpoint (patients in the order given, endpoints in the order
 * given), and the patients an endpoint could not be derived for, each with the reason: a
 * subject is never dropped silently.
 */
export interface AdtteDataset {
  readonly rows: readonly AdtteDatasetRow[];
  readonly excluded: readonly ExcludedSubject[];
}

export function adtteDataset(records: Iterable<CourseRecord>, endpoints: readonly EndpointDefinition[], options: DerivationOptions = {}): AdtteDataset {
  const { cutoff } = options;
  if (cutoff !== undefined) checkCutoff(cutoff);
  const rows: AdtteDatasetRow[] = [];
  const excluded: ExcludedSubject[] = [];
  const types = new Set(endpoints.flatMap((e) => [...endpointFactTypes(e)]));
  for (const record of records) {
    const subject = survivalSubjectOf(record, types);
    const covariates = covariatesOf(record);
    for (const endpoint of endpoints) {
      const result = deriveTimeToEvent(subject, endpoint, options);
      if (isExcluded(result)) excluded.push(result);
      else rows.push(Object.assign(result as AdtteDatasetRow, covariates));
    }
  }
  return { rows, excluded };
}

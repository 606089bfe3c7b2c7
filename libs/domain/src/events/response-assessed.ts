import { z } from 'zod';
import { Percent } from '../values/quantity.js';
import { AssessmentMethod, ResponseResult, ResponseScope, Site } from '../values/vocabulary.js';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

/** MRD-negative means below 0.01% (1e-4) abnormal cells. */
export const MRD_NEGATIVE_BELOW_PERCENT = 0.01;

export const ResponseAssessedData = clinicalFact({
  scope: ResponseScope.default('overall'),
  method: z.array(AssessmentMethod).min(1).max(10),
  sites: z.array(Site).max(20).default([]).describe('Sites examined, when the scope is not overall'),
  result: ResponseResult,
  mrd: Percent('Minimal residual disease by flow cytometry or PCR').optional(),
  marrowBlasts: Percent('Bone-marrow blasts').optional(),
});
export type ResponseAssessedData = z.infer<typeof ResponseAssessedData>;

export const isMrdNegative = (data: ResponseAssessedData): boolean | undefined =>
  data.mrd === undefined ? undefined : data.mrd.value < MRD_NEGATIVE_BELOW_PERCENT;

export const ResponseAssessed = defineEvent({
  type: 'ResponseAssessed',
  version: 1,
  schema: ResponseAssessedData,
  clinical: true,
  description: 'Disease response was assessed (morphology, MRD, imaging, lumbar puncture).',
});

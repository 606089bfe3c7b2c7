import { z } from 'zod';
import { Percent } from '../values/quantity.js';
import { AssessmentMethod, ResponseResult, ResponseScope, Site } from '../values/vocabulary.js';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

/** MRD-negative means below 0.01% (1e-4) abnormal cells. */
export const MRD_NEGATIVE_BELOW_PERCENT = 0.01;

export const MrdTechnique = z.enum(['flow', 'pcr', 'ngs', 'unknown']).describe('How MRD was measured: flow cytometry, PCR, next-generation sequencing');
export type MrdTechnique = z.infer<typeof MrdTechnique>;

const Mrd = z
  .object({
    value: z.number().finite().min(0).max(100, { message: 'a percentage cannot exceed 100' }),
    unit: z.literal('%', { error: () => 'unit must be %' }),
    technique: MrdTechnique.optional().describe('Inferred from the assessment methods when not given'),
  })
  .strict()
  .describe('Minimal residual disease, in percent of cells');

/**
 * Version 2 keeps how MRD was measured (flow and PCR thresholds are not interchangeable). When the
 * writer does not say, it is read off the assessment's methods; version 1 data is upcast the same way.
 */
export function withMrdTechnique<T extends Record<string, unknown>>(data: T): T {
  const mrd = data['mrd'] as { technique?: string } | undefined;
  if (!mrd || mrd.technique !== undefined) return data;
  const methods = (data['method'] as string[] | undefined) ?? [];
  const technique: MrdTechnique = methods.includes('flow-mrd') ? 'flow' : methods.includes('pcr-mrd') ? 'pcr' : 'unknown';
  return { ...data, mrd: { ...mrd, technique } };
}

export const ResponseAssessedData = clinicalFact({
  scope: ResponseScope.default('overall'),
  method: z.array(AssessmentMethod).min(1).max(10),
  sites: z.array(Site).max(20).default([]).describe('Sites examined, when the scope is not overall'),
  result: ResponseResult,
  mrd: Mrd.optional(),
  marrowBlasts: Percent('Bone-marrow blasts').optional(),
}).transform(withMrdTechnique);
export type ResponseAssessedData = z.infer<typeof ResponseAssessedData>;

export const isMrdNegative = (data: ResponseAssessedData): boolean | undefined =>
  data.mrd === undefined ? undefined : data.mrd.value < MRD_NEGATIVE_BELOW_PERCENT;

export const ResponseAssessed = defineEvent({
  type: 'ResponseAssessed',
  version: 2,
  schema: ResponseAssessedData,
  upcast: { 1: withMrdTechnique },
  clinical: true,
  description: 'Disease response was assessed (morphology, MRD, imaging, lumbar puncture).',
});

import { z } from 'zod';
import { isExtramedullary } from '../values/vocabulary.js';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';
import { diseaseShape } from './disease-sites.js';

export const RelapseRecordedData = clinicalFact(diseaseShape);
export type RelapseRecordedData = z.infer<typeof RelapseRecordedData>;

export type RelapseExtent = 'isolated-medullary' | 'isolated-extramedullary' | 'combined';

/** Derived, not recorded: a relapse is combined when it is both in the marrow and elsewhere. */
export function relapseExtent(data: Pick<RelapseRecordedData, 'sites'>): RelapseExtent {
  const em = data.sites.some((s) => isExtramedullary(s.site));
  const medullary = data.sites.some((s) => !isExtramedullary(s.site));
  return em && medullary ? 'combined' : em ? 'isolated-extramedullary' : 'isolated-medullary';
}

export const RelapseRecorded = defineEvent({
  type: 'RelapseRecorded',
  version: 1,
  schema: RelapseRecordedData,
  clinical: true,
  description: 'Disease returned after a remission, in the marrow and/or extramedullary sites.',
});

import { z } from 'zod';
import { Percent } from '../values/quantity.js';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

export const DiagnosisRecordedData = clinicalFact({
  disease: z.string().min(1).max(200).describe('e.g. B-ALL'),
  immunophenotype: z.array(z.string().min(1).max(50)).max(50).default([]).describe('Positive markers, e.g. CD19, CD22, CD10'),
  cytogenetics: z.array(z.string().min(1).max(100)).max(20).default([]).describe('e.g. 46,XX,t(1;19)'),
  fusionGenes: z.array(z.string().min(1).max(50)).max(20).default([]).describe('e.g. E2A-PBX1'),
  mutations: z.array(z.string().min(1).max(50)).max(50).default([]).describe('e.g. SETD2, SUZ12, RUNX1'),
  marrowBlasts: Percent('Bone-marrow blasts at diagnosis').optional(),
});
export type DiagnosisRecordedData = z.infer<typeof DiagnosisRecordedData>;

export const DiagnosisRecorded = defineEvent({
  type: 'DiagnosisRecorded',
  version: 1,
  schema: DiagnosisRecordedData,
  clinical: true,
  description: 'The disease was diagnosed (the primary diagnosis, even when recorded long afterwards).',
});

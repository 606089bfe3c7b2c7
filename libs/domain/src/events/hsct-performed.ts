import { z } from 'zod';
import { quantity } from '../values/quantity.js';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

export const HsctPerformedData = clinicalFact({
  hsctType: z.enum(['allogeneic', 'haploidentical', 'autologous']),
  donor: z
    .object({
      relation: z.string().max(100).optional().describe('e.g. daughter, sibling, unrelated'),
      hlaMatch: z.string().max(50).optional().describe('e.g. 5/10, 10/10, haploidentical'),
    })
    .strict()
    .optional(),
  graftSource: z.enum(['PBSC', 'BM', 'cord-blood']),
  conditioning: z
    .object({
      intensity: z.enum(['MAC', 'RIC', 'NMA']).optional(),
      agents: z.array(z.string().min(1).max(100)).max(10).default([]),
    })
    .strict()
    .optional(),
  cellDoses: z
    .array(z.object({ cells: z.enum(['MNC', 'CD34+', 'CD3+', 'TNC']), dose: quantity(['cells/kg'], 'Cells per kg') }).strict())
    .max(5)
    .default([]),
  gvhdProphylaxis: z.array(z.string().min(1).max(100)).max(10).default([]),
});
export type HsctPerformedData = z.infer<typeof HsctPerformedData>;

export const HsctPerformed = defineEvent({
  type: 'HsctPerformed',
  version: 1,
  schema: HsctPerformedData,
  clinical: true,
  description: 'A haematopoietic stem cell transplant was performed.',
});

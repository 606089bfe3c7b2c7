import { z } from 'zod';
import { Percent, quantity } from '../values/quantity.js';
import { CarTarget, CellSource } from '../values/vocabulary.js';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

export const CarTInfusedData = clinicalFact({
  product: z
    .object({
      name: z.string().max(100).optional(),
      target: CarTarget,
      source: CellSource,
      state: z.enum(['fresh', 'cryopreserved']).optional(),
    })
    .strict(),
  dose: quantity(['cells/kg'], 'CAR-T cells infused per kg body weight'),
  transductionEfficiency: Percent('Share of T cells carrying the CAR').optional(),
  infusionNumber: z.number().int().min(1).max(10).describe('1 for the first CAR-T, 2 for the second ...'),
});
export type CarTInfusedData = z.infer<typeof CarTInfusedData>;

export const CarTInfused = defineEvent({
  type: 'CarTInfused',
  version: 1,
  schema: CarTInfusedData,
  clinical: true,
  description: 'CAR-T cells were infused (Day 0).',
});

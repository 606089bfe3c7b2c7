import { z } from 'zod';
import { Percent } from '../values/quantity.js';
import { Specimen } from '../values/vocabulary.js';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

export const ChimerismMeasuredData = clinicalFact({
  donorCells: Percent('Donor share of the measured cells'),
  specimen: Specimen.default('BM'),
});
export type ChimerismMeasuredData = z.infer<typeof ChimerismMeasuredData>;

export const ChimerismMeasured = defineEvent({
  type: 'ChimerismMeasured',
  version: 1,
  schema: ChimerismMeasuredData,
  clinical: true,
  description: 'Donor chimerism after HSCT.',
});

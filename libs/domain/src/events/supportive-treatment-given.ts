import { z } from 'zod';
import { quantity } from '../values/quantity.js';
import { Route } from '../values/vocabulary.js';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

export const SupportiveTreatmentGivenData = clinicalFact({
  drug: z.string().min(1).max(100).describe('e.g. tocilizumab, dexamethasone, eltrombopag'),
  drugClass: z.enum(['anti-IL-6', 'corticosteroid', 'thrombopoietin-agonist', 'anti-infective', 'immunosuppressant', 'other']),
  dose: quantity(['mg', 'mg/kg', 'mg/m2'], 'Dose per administration').optional(),
  route: Route.optional(),
  indication: z.string().max(100).optional().describe('e.g. CRS, ICANS, chronic GVHD, thrombocytopenia'),
});
export type SupportiveTreatmentGivenData = z.infer<typeof SupportiveTreatmentGivenData>;

export const SupportiveTreatmentGiven = defineEvent({
  type: 'SupportiveTreatmentGiven',
  version: 1,
  schema: SupportiveTreatmentGivenData,
  clinical: true,
  description: 'A supportive drug (tocilizumab, corticosteroids, ...); never opens a line of therapy.',
});

import { z } from 'zod';
import { PartialDateSchema } from '../values/partial-date.js';
import { quantity } from '../values/quantity.js';
import { TherapyIntent } from '../values/vocabulary.js';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

export const Agent = z
  .object({
    drug: z.string().min(1).max(100),
    dose: quantity(['mg/m2', 'mg', 'mg/kg'], 'Dose per administration').optional(),
    days: z.array(z.number().int()).max(60).optional().describe('Days of the course the drug was given on'),
  })
  .strict();

export const ChemotherapyAdministeredData = clinicalFact({
  regimen: z.string().min(1).max(200).describe('Regimen name, e.g. "hyper-CVAD-A" or "venetoclax + prednisone"'),
  agents: z.array(Agent).max(20).default([]),
  intent: TherapyIntent,
  course: z.number().int().min(1).max(50).default(1).describe('Which course of this regimen (a planned repeat is course 2, same line)'),
  endedOn: PartialDateSchema.optional(),
});
export type ChemotherapyAdministeredData = z.infer<typeof ChemotherapyAdministeredData>;

export const ChemotherapyAdministered = defineEvent({
  type: 'ChemotherapyAdministered',
  version: 1,
  schema: ChemotherapyAdministeredData,
  clinical: true,
  description: 'A course of an anticancer regimen was given (not lymphodepletion, not supportive drugs).',
});

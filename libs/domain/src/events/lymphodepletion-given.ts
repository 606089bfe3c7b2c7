import { z } from 'zod';
import { PartialDateSchema } from '../values/partial-date.js';
import { quantity } from '../values/quantity.js';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

export const LymphodepletingAgent = z
  .object({
    drug: z.string().min(1).max(100).describe('e.g. fludarabine, cyclophosphamide'),
    dosePerDay: quantity(['mg/m2'], 'Dose per day'),
    days: z
      .array(z.number().int().max(-1, { message: 'lymphodepletion days must be before the infusion (Day -1 or earlier)' }))
      .min(1)
      .max(14)
      .describe('Days relative to the planned infusion, e.g. [-4, -3, -2]'),
  })
  .strict();

export const LymphodepletionGivenData = clinicalFact({
  agents: z.array(LymphodepletingAgent).min(1).max(5),
  plannedInfusionOn: PartialDateSchema.optional().describe('Day 0 the days are counted from'),
});
export type LymphodepletionGivenData = z.infer<typeof LymphodepletionGivenData>;

export const LymphodepletionGiven = defineEvent({
  type: 'LymphodepletionGiven',
  version: 1,
  schema: LymphodepletionGivenData,
  clinical: true,
  description: 'Lymphodepleting chemotherapy before a CAR-T infusion; part of the CAR-T line, never a line of its own.',
});

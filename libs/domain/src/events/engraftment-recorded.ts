import { z } from 'zod';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

export const EngraftmentRecordedData = clinicalFact({
  lineage: z.enum(['neutrophil', 'platelet']),
});
export type EngraftmentRecordedData = z.infer<typeof EngraftmentRecordedData>;

export const EngraftmentRecorded = defineEvent({
  type: 'EngraftmentRecorded',
  version: 1,
  schema: EngraftmentRecordedData,
  clinical: true,
  description: 'Neutrophil or platelet engraftment after HSCT.',
});

import { z } from 'zod';
import { Site } from '../values/vocabulary.js';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

export const ProcedurePerformedData = clinicalFact({
  kind: z.enum(['biopsy', 'surgery', 'lumbar-puncture', 'bone-marrow-aspiration', 'endoscopy', 'radiotherapy', 'imaging']),
  name: z.string().max(200).optional().describe('e.g. "left eye enucleation", "gastroscopy with biopsy"'),
  site: Site.optional(),
  finding: z.string().max(1000).optional(),
});
export type ProcedurePerformedData = z.infer<typeof ProcedurePerformedData>;

export const ProcedurePerformed = defineEvent({
  type: 'ProcedurePerformed',
  version: 1,
  schema: ProcedurePerformedData,
  clinical: true,
  description: 'A procedure: biopsy, surgery, lumbar puncture; local therapy never opens a line.',
});

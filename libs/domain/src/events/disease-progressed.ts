import { z } from 'zod';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';
import { diseaseShape } from './disease-sites.js';

/** New or growing disease with no remission in between: progression, not a new relapse. */
export const DiseaseProgressedData = clinicalFact({
  ...diseaseShape,
  refractory: z.boolean().default(false).describe('The disease did not respond to the ongoing therapy'),
});
export type DiseaseProgressedData = z.infer<typeof DiseaseProgressedData>;

export const DiseaseProgressed = defineEvent({
  type: 'DiseaseProgressed',
  version: 1,
  schema: DiseaseProgressedData,
  clinical: true,
  description: 'Disease progressed or appeared at new sites while the patient was not in remission.',
});

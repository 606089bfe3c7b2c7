import { z } from 'zod';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

export const LastContactRecordedData = clinicalFact({
  status: z.enum(['alive-without-disease', 'alive-with-disease', 'alive-disease-unknown']),
});
export type LastContactRecordedData = z.infer<typeof LastContactRecordedData>;

export const LastContactRecorded = defineEvent({
  type: 'LastContactRecorded',
  version: 1,
  schema: LastContactRecordedData,
  clinical: true,
  description: 'The patient was last known alive on this date (follow-up status).',
});

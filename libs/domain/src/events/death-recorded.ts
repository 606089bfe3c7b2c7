import { z } from 'zod';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

export const DeathRecordedData = clinicalFact({
  cause: z.enum(['disease', 'treatment-related', 'infection', 'gvhd', 'other', 'unknown']),
  causeDetail: z.string().max(500).optional(),
});
export type DeathRecordedData = z.infer<typeof DeathRecordedData>;

export const DeathRecorded = defineEvent({
  type: 'DeathRecorded',
  version: 1,
  schema: DeathRecordedData,
  clinical: true,
  description: 'The patient died.',
});

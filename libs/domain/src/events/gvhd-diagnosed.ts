import { z } from 'zod';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

export const GvhdDiagnosedData = clinicalFact({
  form: z.enum(['acute', 'chronic']),
  grade: z.string().max(20).optional().describe('Acute I-IV, or chronic mild/moderate/severe'),
  organs: z.array(z.string().min(1).max(50)).max(10).default([]),
});
export type GvhdDiagnosedData = z.infer<typeof GvhdDiagnosedData>;

export const GvhdDiagnosed = defineEvent({
  type: 'GvhdDiagnosed',
  version: 1,
  schema: GvhdDiagnosedData,
  clinical: true,
  description: 'Graft-versus-host disease was diagnosed.',
});

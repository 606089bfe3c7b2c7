import { z } from 'zod';
import { PartialDateSchema } from '../values/partial-date.js';
import { AstctGrade, CtcaeGrade } from '../values/vocabulary.js';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

const common = { resolvedOn: PartialDateSchema.optional() };

/** CRS and ICANS are graded by ASTCT consensus; every other adverse event by CTCAE. */
export const AdverseEventRecordedData = z.discriminatedUnion('grading', [
  clinicalFact({ grading: z.literal('ASTCT'), term: z.enum(['CRS', 'ICANS']), grade: AstctGrade, ...common }),
  clinicalFact({ grading: z.literal('CTCAE'), term: z.string().min(1).max(200), grade: CtcaeGrade, ctcaeVersion: z.string().max(10).optional(), ...common }),
]);
export type AdverseEventRecordedData = z.infer<typeof AdverseEventRecordedData>;

export const AdverseEventRecorded = defineEvent({
  type: 'AdverseEventRecorded',
  version: 1,
  schema: AdverseEventRecordedData,
  clinical: true,
  description: 'An adverse event: CRS or ICANS with ASTCT grade, anything else with CTCAE grade.',
});

import { z } from 'zod';
import { PartialDateSchema } from '../values/partial-date.js';

/**
 * Fields every clinical fact shares: when it happened (clinical time, possibly partial) and, where
 * the source counted days from an anchor ("Day +7"), the offset it gave. The absolute date is what
 * orders the record; the offset is kept so the record says what the source said.
 */
export const SourceDay = z
  .object({
    day: z.number().int().describe('Day offset the source gave, e.g. 7 for "Day +7"'),
    relativeTo: z.enum(['car-t-infusion', 'hsct', 'diagnosis']).describe('The anchor the source counted from'),
  })
  .strict();

export const clinicalFact = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({
      occurredOn: PartialDateSchema.describe('When it happened (clinical date; may be partial)'),
      sourceDay: SourceDay.optional(),
      note: z.string().max(2000).optional().describe('Free text as the source phrased it'),
      ...shape,
    })
    .strict();

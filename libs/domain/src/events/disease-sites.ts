import { z } from 'zod';
import { Percent } from '../values/quantity.js';
import { Antigen, ConfirmationMethod, Site } from '../values/vocabulary.js';

export const DiseaseSite = z
  .object({
    site: Site,
    detail: z.string().max(200).optional().describe('e.g. "left eye", "right retroperitoneal mass 3.5 x 4.7 x 12.6 cm"'),
    blasts: Percent('Blasts at this site').optional(),
  })
  .strict();

export const AntigenStatus = z.object({ antigen: Antigen, positive: z.boolean() }).strict();

export const diseaseShape = {
  sites: z.array(DiseaseSite).min(1, { message: 'at least one site is required' }).max(20),
  antigens: z.array(AntigenStatus).max(10).default([]).describe('Antigen status of the blasts, e.g. CD19+ CD22+'),
  confirmedBy: z.array(ConfirmationMethod).max(10).default([]),
};

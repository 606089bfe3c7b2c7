import { z } from 'zod';

/**
 * Units the record accepts, spelled one way each. A dose in the wrong unit is a wrong dose, so a
 * quantity states its unit and the schema of each field lists the units that make sense for it.
 */
export const UNITS = [
  'cells/kg',
  'mg/m2',
  'mg',
  'mg/kg',
  'pg/mL',
  'ng/mL',
  'mg/L',
  'g/L',
  '%',
  'copies/ug DNA',
  '10^9/L',
  'mmHg',
  'cm',
  'U/L',
  'umol/L',
  'cells/uL',
] as const;
export type Unit = (typeof UNITS)[number];

export function quantity<U extends Unit>(allowed: readonly [U, ...U[]], description: string) {
  return z
    .object({
      value: z.number().finite().nonnegative(),
      unit: z.enum(allowed, { error: () => `unit must be one of: ${allowed.join(', ')}` }),
    })
    .strict()
    .describe(description);
}

export const Percent = (description: string) =>
  z
    .object({
      value: z.number().finite().min(0).max(100, { message: 'a percentage cannot exceed 100' }),
      unit: z.literal('%', { error: () => 'unit must be %' }),
    })
    .strict()
    .describe(description);

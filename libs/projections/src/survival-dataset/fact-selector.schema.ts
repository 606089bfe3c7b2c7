import { EVENT_TYPES } from '@app/domain';
import { z } from 'zod';
import type { FieldFilter } from '@app/survival';

/** Corrections and retractions are amendments of facts, never facts: a source cannot select them. */
export const FACT_TYPES: readonly string[] = EVENT_TYPES.filter((t) => t !== 'EventCorrected' && t !== 'EventRetracted');

/**
 * Parses `value` with `schema` and re-raises its issues under the current path. Used where a
 * field takes two shapes: a zod union would report only "invalid input" at the field itself.
 */
export function forward<T>(schema: z.ZodType<T>, value: unknown, ctx: z.RefinementCtx): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const message = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
    ctx.addIssue({ code: 'custom', message, path: issue.path });
  }
  return z.NEVER;
}

const FactType = z.string({ error: 'a fact type name is required' }).superRefine((type, ctx) => {
  if (!FACT_TYPES.includes(type)) ctx.addIssue({ code: 'custom', message: `unknown fact type "${type}"; known types: ${FACT_TYPES.join(', ')}` });
});
const FactTypes = z.array(FactType).min(1, { message: 'at least one fact type' });

/** One fact type name, or a list of them. */
const TypeOrTypes = z.unknown().transform((value, ctx) => (Array.isArray(value) ? forward(FactTypes, value, ctx) : forward(FactType, value, ctx)));

const FieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const FilterSchema = z
  .object({ path: z.string().min(1), equals: FieldValue.optional(), in: z.array(FieldValue).min(1).optional(), exists: z.boolean().optional() })
  .strict()
  .transform((f, ctx): FieldFilter => {
    const given = (['equals', 'in', 'exists'] as const).filter((k) => f[k] !== undefined);
    if (given.length !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of equals, in, exists' });
    if (f.exists !== undefined) return { path: f.path, exists: f.exists };
    if (f.in !== undefined) return { path: f.path, in: f.in };
    return { path: f.path, equals: f.equals ?? null };
  });

const selectorShape = {
  type: TypeOrTypes,
  where: z.array(FilterSchema).max(20).optional(),
  which: z.enum(['first', 'last']).optional(),
};

export const SelectorSchema = z.object({ ...selectorShape, window: z.enum(['after-origin', 'any-time']).default('after-origin') }).strict();

/** The origin has no window: it is what windows are measured from. */
export const OriginSelectorSchema = z.object(selectorShape).strict();

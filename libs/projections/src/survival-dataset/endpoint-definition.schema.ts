import { DomainError, type FieldIssue } from '@app/domain';
import { z } from 'zod';
import {
  CENSOR_SOURCE_CATALOGUE,
  EVENT_SOURCE_CATALOGUE,
  ORIGIN_CATALOGUE,
  censorSource,
  eventSource,
  firstInfusionOrigin,
  originSource,
  type EndpointDefinition,
} from '@app/survival';
import { forward, OriginSelectorSchema, SelectorSchema } from './fact-selector.schema.js';

/**
 * A custom endpoint given as JSON (HTTP, CLI), checked field by field so that the caller learns
 * which one is wrong ('events.0.select.type', 'censors.1.cnsr'). A source or origin is either
 * written out or named from the catalogue ('relapse_event', 'lastcontact_censor').
 */
const required = (what: string) => (iss: { input: unknown }) => (iss.input === undefined ? `${what} is required` : undefined);
const text = z.string().min(1).max(200);
const sourceShape = { name: z.string().min(1).max(60), select: SelectorSchema, srcdom: z.string().min(1).max(60).optional(), srcvar: z.string().min(1).max(60).optional() };

const InlineEvent = z
  .object({ ...sourceShape, cnsr: z.literal(0, { error: (iss) => required('cnsr (0 for an event)')(iss) ?? 'an event source has cnsr 0' }), evntdesc: text })
  .strict()
  .transform(({ cnsr: _event, ...source }) => eventSource(source));

const InlineCensor = z
  .object({
    ...sourceShape,
    cnsr: z.number({ error: required('cnsr (1 or more, the coded censoring reason)') }).int().min(1, { message: 'a censoring is coded 1 or more; 0 is an event' }),
    cnsdtdsc: text,
    evntdesc: text.optional(),
    endsFollowUp: z.boolean().optional(),
  })
  .strict()
  .transform((source) => censorSource(source));

const InlineOrigin = z
  .object({ name: z.string().min(1).max(60), select: OriginSelectorSchema, srcvar: z.string().min(1).max(60).optional() })
  .strict()
  .transform((origin) => originSource(origin));

/** A catalogue name, or a definition written out. */
const namedOr = <T>(kind: string, catalogue: Readonly<Record<string, T>>, inline: z.ZodType<T>) =>
  z.unknown().transform((value, ctx): T => {
    if (typeof value !== 'string') return forward(inline, value, ctx);
    const named = catalogue[value];
    if (named === undefined) ctx.addIssue({ code: 'custom', message: `unknown ${kind} "${value}"; known: ${Object.keys(catalogue).join(', ')}` });
    return named ?? z.NEVER;
  });

const Imputation = z.enum(['first', 'middle', 'last']);

export const EndpointDefinitionSchema = z
  .object({
    paramcd: z.string().regex(/^[A-Z][A-Z0-9]{0,7}$/, { message: 'ADaM PARAMCD: a capital letter, then up to 7 capitals or digits' }),
    param: text,
    origin: namedOr('origin', ORIGIN_CATALOGUE, InlineOrigin).default(firstInfusionOrigin),
    events: z.array(namedOr('event source', EVENT_SOURCE_CATALOGUE, InlineEvent)).min(1, { message: 'at least one event source' }).max(20),
    censors: z.array(namedOr('censor source', CENSOR_SOURCE_CATALOGUE, InlineCensor)).min(1, { message: 'at least one censor source' }).max(20),
    timeUnit: z.literal('days').default('days'),
    imputation: z.object({ origin: Imputation.optional(), event: Imputation.optional(), censor: Imputation.optional() }).strict().optional(),
    addOneDay: z.boolean().default(false),
    daysPerMonth: z.number().positive().optional(),
    cutoffCensor: z.object({ cnsr: z.number().int().min(1), cnsdtdsc: text }).strict().optional(),
  })
  .strict();

const toIssues = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message }));

/** Parses an untrusted definition; the DomainError lists each wrong field by its path. */
export function parseEndpointDefinition(input: unknown): EndpointDefinition {
  const parsed = EndpointDefinitionSchema.safeParse(input);
  if (!parsed.success) throw DomainError.validation('INVALID_ENDPOINT_DEFINITION', toIssues(parsed.error));
  return parsed.data;
}

import type { z } from 'zod';
import { DomainError, type FieldIssue } from '../errors.js';
import { EVENT_CATALOGUE, EVENT_TYPES, isEventType, type PatientEventBody } from './catalogue.js';

function toIssues(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
}

/** Checks an untrusted `{ type, data }` against the catalogue; returns the typed, defaulted body. */
export function validateFact(type: unknown, data: unknown, prefix = 'data'): PatientEventBody {
  if (typeof type !== 'string' || type.length === 0) {
    throw DomainError.validation('MISSING_TYPE', [{ field: 'type', message: `type is required: one of ${EVENT_TYPES.join(', ')}` }]);
  }
  if (!isEventType(type)) {
    throw DomainError.validation('UNKNOWN_EVENT_TYPE', [{ field: 'type', message: `unknown event type "${type}"; known types: ${EVENT_TYPES.join(', ')}` }]);
  }
  const parsed = EVENT_CATALOGUE[type].schema.safeParse(data ?? undefined);
  if (!parsed.success) throw DomainError.validation('INVALID_EVENT_DATA', toIssues(parsed.error, prefix));
  return { type, data: parsed.data } as PatientEventBody;
}

/** Brings a stored event's data up to its type's current version. */
export function upcast(type: string, version: number, data: Record<string, unknown>): Record<string, unknown> {
  if (!isEventType(type)) return data;
  const def = EVENT_CATALOGUE[type];
  let current = data;
  for (let v = version; v < def.version; v++) {
    const step = def.upcast?.[v];
    if (!step) throw new Error(`no upcaster for ${type} v${v} -> v${v + 1}`);
    current = step(current);
  }
  return current;
}

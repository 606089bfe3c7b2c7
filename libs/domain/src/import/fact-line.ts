import { z } from 'zod';
import { DomainError } from '../errors.js';

/**
 * One line of an NDJSON import, and the body of `POST /patients/:id/events` without `patientId`.
 * `eventId` makes a line idempotent and lets later lines (corrections, retractions) point at it.
 */
export const FactLine = z
  .object({
    patientId: z.string().min(1).max(100).regex(/^[A-Za-z0-9._-]+$/, { message: 'letters, digits, ".", "_" and "-" only' }),
    type: z.string().min(1),
    data: z.unknown(),
    eventId: z.uuid().optional(),
    source: z.string().max(500).optional(),
    reason: z.string().max(2000).optional(),
    recordedBy: z.string().max(200).optional(),
  })
  .strict();
export type FactLine = z.infer<typeof FactLine>;

/** Parses one NDJSON line; errors name the line and the field. */
export function parseFactLine(text: string, lineNumber: number): FactLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw DomainError.validation('MALFORMED_JSON', [{ field: '(line)', message: `line ${lineNumber} is not valid JSON: ${(e as Error).message}` }]);
  }
  const parsed = FactLine.safeParse(json);
  if (!parsed.success) {
    throw DomainError.validation(
      'INVALID_LINE',
      parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(line)', message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message })),
    );
  }
  return parsed.data;
}

const FactBody = FactLine.omit({ patientId: true });
export type FactBody = z.infer<typeof FactBody>;
export const PatientId = FactLine.shape.patientId;

/** Parses the body of `POST /patients/:id/events`: a fact line without the patient id. */
export function parseFactBody(body: unknown): FactBody {
  const parsed = FactBody.safeParse(body);
  if (parsed.success) return parsed.data;
  throw DomainError.validation(
    'INVALID_BODY',
    parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message })),
  );
}

export function parsePatientId(value: string): string {
  const parsed = PatientId.safeParse(value);
  if (!parsed.success) throw DomainError.validation('INVALID_PATIENT_ID', [{ field: 'patientId', message: parsed.error.issues[0]?.message ?? 'invalid' }]);
  return parsed.data;
}

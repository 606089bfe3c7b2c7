import { z } from 'zod';
import { PartialDateSchema } from './partial-date.js';

/**
 * A patient's direct identifiers as a recorder sends them. They are never stored like this: the
 * recording edge encrypts them with the patient's own key (crypto-shredding), and the event keeps
 * only the sealed form, which becomes unreadable everywhere once that key is erased.
 */
export const PatientIdentifiers = z
  .object({
    name: z.string().min(1).max(200).optional(),
    hospitalRecordNumber: z.string().min(1).max(100).optional(),
    birthDate: PartialDateSchema.optional(),
  })
  .strict()
  .describe("The patient's direct identifiers, in clear only on the way in");
export type PatientIdentifiers = z.infer<typeof PatientIdentifiers>;

/** The identifiers as stored: AES-256-GCM under the patient's key, base64url (IV, tag, ciphertext). */
export const SealedIdentifiers = z
  .object({ sealed: z.string().min(40).max(4000).regex(/^[A-Za-z0-9_-]+$/, { message: 'must be the sealed (encrypted) identifiers, base64url' }) })
  .strict()
  .describe("The patient's direct identifiers, encrypted with the patient's own key; unreadable once it is erased");
export type SealedIdentifiers = z.infer<typeof SealedIdentifiers>;

/**
 * Whether a value has the sealed form's shape (an object with a `sealed` text), without
 * validating it: how views and the API recognise sealed identifiers wherever a fact carries them.
 */
export const isSealedIdentifiers = (value: unknown): value is SealedIdentifiers =>
  value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>)['sealed'] === 'string';

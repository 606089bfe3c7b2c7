import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PatientIdentifiers, SealedIdentifiers } from '@app/domain';

/**
 * Crypto-shredding of direct identifiers. Each patient has a data key of their own, kept apart from
 * the events (and wrapped by a key-encryption key); identifiers are stored only sealed under it.
 * Erasing the patient destroys the key: the sealed identifiers, wherever they were copied (event
 * store, views, exports, backups of those), can no longer be read, while the clinical events stay.
 */
export interface PatientKeyStore {
  /** The patient's key, made on first use; 'erased' once destroyed. */
  keyFor(patientId: string): Promise<Uint8Array | 'erased'>;
  /** The patient's key if there is one; undefined if none was ever made. */
  existingKey(patientId: string): Promise<Uint8Array | 'erased' | undefined>;
  /** Destroys the key; true if there was one to destroy. */
  erase(patientId: string): Promise<boolean>;
}

export type OpenedIdentifiers = PatientIdentifiers | { readonly erased: true };

const ALG = 'aes-256-gcm';

export function encrypt(key: Uint8Array, plain: Uint8Array, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALG, key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function decrypt(key: Uint8Array, sealed: string, context: string): Buffer {
  const bytes = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv(ALG, key, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
}

export class IdentifierVault {
  constructor(private readonly keys: PatientKeyStore) {}

  /** Seals identifiers under the patient's key (bound to the patient id, so a blob cannot be moved to another patient). */
  async seal(patientId: string, identifiers: PatientIdentifiers): Promise<SealedIdentifiers> {
    const key = await this.keys.keyFor(patientId);
    if (key === 'erased') throw new ErasedPatientError(patientId);
    return { sealed: encrypt(key, Buffer.from(JSON.stringify(identifiers), 'utf8'), `patient:${patientId}`) };
  }

  async open(patientId: string, sealed: SealedIdentifiers): Promise<OpenedIdentifiers> {
    const key = await this.keys.existingKey(patientId);
    if (key === undefined || key === 'erased') return { erased: true };
    return JSON.parse(decrypt(key, sealed.sealed, `patient:${patientId}`).toString('utf8')) as PatientIdentifiers;
  }

  erase(patientId: string): Promise<boolean> {
    return this.keys.erase(patientId);
  }
}

export class ErasedPatientError extends Error {
  constructor(readonly patientId: string) {
    super(`Patient ${patientId}'s identifiers were erased; new identifiers cannot be recorded for them`);
    this.name = 'ErasedPatientError';
  }
}

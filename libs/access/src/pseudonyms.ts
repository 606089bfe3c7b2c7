import { createHmac } from 'node:crypto';
import { keptRandomKey } from './secret-files.js';

/**
 * Pseudonymous subject ids for analysts: a keyed HMAC of the study and the subject, so an id is
 * stable within a study (datasets can be joined across exports), differs between studies, and
 * cannot be reversed or recomputed without the key, which never leaves the server.
 */
export type Pseudonymise = (studyId: string, value: string) => string;

export function pseudonymiser(key: Uint8Array): Pseudonymise {
  return (studyId, value) => `S${createHmac('sha256', key).update(`${studyId}\u0000${value}`).digest('base64url').replace(/[-_]/g, '').slice(0, 16).toUpperCase()}`;
}

const KEY_FILE = 'pseudonym.key';

/** The deployment's key: PSEUDONYM_KEY if given, else one kept under the data directory (or in memory). */
export function pseudonymKey(configured: string | undefined, dir: string | undefined): Uint8Array {
  return configured ? Buffer.from(configured, 'utf8') : keptRandomKey(dir, KEY_FILE);
}

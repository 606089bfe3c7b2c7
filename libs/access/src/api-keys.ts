import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { callerFrom, ROLES, type Caller } from './caller.js';

/**
 * Service accounts (importers, registries) authenticate with an API key. Only the key's SHA-256 is
 * kept, in a file the operator manages; `cli api-key` makes a key and prints its entry.
 */
export const ApiKeyEntry = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be the hex SHA-256 of the key' }),
  roles: z.array(z.enum(ROLES)).min(1),
  sites: z.array(z.string().min(1)).min(1),
});
export type ApiKeyEntry = z.infer<typeof ApiKeyEntry>;
export const ApiKeysFile = z.object({ keys: z.array(ApiKeyEntry) });

export const sha256Hex = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

export function readApiKeys(path: string): ApiKeyEntry[] {
  const parsed = ApiKeysFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.keys;
}

/** Finds the service account a presented key belongs to (by its hash, never comparing secrets). */
export function apiKeyVerifier(entries: readonly ApiKeyEntry[]): (secret: string) => Caller | undefined {
  const byHash = new Map(entries.map((e) => [e.sha256, e]));
  return (secret) => {
    const entry = byHash.get(sha256Hex(secret));
    return entry && callerFrom(`api-key:${entry.id}`, entry.roles, entry.sites, 'api-key');
  };
}

export function newApiKey(entry: Omit<ApiKeyEntry, 'sha256'>): { secret: string; entry: ApiKeyEntry } {
  const secret = `tte_${randomBytes(32).toString('base64url')}`;
  return { secret, entry: { ...entry, sha256: sha256Hex(secret) } };
}

import type { IdentifierVault } from '@app/access';
import { isSealedIdentifiers } from '@app/domain';

/**
 * A stored view with the patient's identifiers opened for a caller allowed to see them, or shown
 * as erased once the patient's key is gone. Views hold the sealed form only; this is the one place
 * they are read in clear, per request.
 */
export async function revealIdentifiers(json: Buffer, patientId: string, vault: IdentifierVault): Promise<Buffer> {
  if (!json.includes('"sealed"')) return json;
  const opened = new Map<string, unknown>();
  const walk = async (value: unknown): Promise<unknown> => {
    if (Array.isArray(value)) return Promise.all(value.map(walk));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'identifiers' && isSealedIdentifiers(v)) {
        if (!opened.has(v.sealed)) opened.set(v.sealed, await vault.open(patientId, v));
        out[k] = opened.get(v.sealed);
      } else out[k] = await walk(v);
    }
    return out;
  };
  return Buffer.from(JSON.stringify(await walk(JSON.parse(json.toString('utf8')))), 'utf8');
}

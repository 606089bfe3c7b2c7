import { join } from 'node:path';
import { newApiKey, openLocalIssuer, type Role } from '@app/access';
import type { StoreEnv } from '@app/event-store';

/**
 * Tokens from the embedded install's own issuer (the key pair under DATA_DIR/auth that the API
 * trusts when no identity provider is configured), and API keys for service accounts. Whoever can
 * read DATA_DIR/auth is the administrator of this install: the commands need nothing more.
 */
export async function runToken(env: StoreEnv, opts: { subject: string; role: Role[]; site: string[]; days: number; audience: string }): Promise<string> {
  if (env.DATA_DIR === ':memory:') throw new Error('DATA_DIR=:memory: keeps no issuer key to sign with; point DATA_DIR at the API’s data directory');
  const issuer = await openLocalIssuer(join(env.DATA_DIR, 'auth'));
  return issuer.mint({ subject: opts.subject, roles: opts.role, sites: opts.site, ttlSeconds: Math.round(opts.days * 24 * 3600), audience: opts.audience });
}

/** A new API key: the secret, shown once, and the entry (its hash only) to add to API_KEYS_FILE. */
export function runApiKey(opts: { id: string; role: Role[]; site: string[] }): { secret: string; entry: object } {
  return newApiKey({ id: opts.id, roles: opts.role, sites: opts.site });
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalIssuer, type LocalIssuer, type Role } from '../../libs/access/src/index.js';

/**
 * An identity provider for the tests: a key pair whose public half the API trusts through
 * AUTH_JWKS_FILE, as a hospital's would be trusted through AUTH_JWKS_URL.
 */
export interface TestIdentity {
  readonly env: Record<string, string>;
  readonly issuer: LocalIssuer;
  token(subject: string, roles: readonly Role[], sites?: readonly string[], options?: { ttlSeconds?: number; audience?: string }): Promise<string>;
}

let shared: Promise<TestIdentity> | undefined;

export function testIdentity(): Promise<TestIdentity> {
  shared ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tte-idp-'));
    const issuer = await openLocalIssuer(join(dir, 'keys'));
    const jwksFile = join(dir, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify(issuer.publicJwks));
    return {
      env: { AUTH_ISSUER: issuer.issuer, AUTH_JWKS_FILE: jwksFile, AUTH_AUDIENCE: 'tte-api' },
      issuer,
      token: (subject, roles, sites = ['*'], options = {}) => issuer.mint({ subject, roles, sites, ...options }),
    };
  })();
  return shared;
}

/** Request headers for a caller with these roles and sites (every site by default). */
export async function credentials(subject: string, roles: readonly Role[] = ['admin'], sites: readonly string[] = ['*']): Promise<Record<string, string>> {
  const identity = await testIdentity();
  return { authorization: `Bearer ${await identity.token(subject, roles, sites)}` };
}

/** Who recorded a fixture's lines: importing it over HTTP, that caller is the one to send it. */
export const fixtureAuthor = (ndjson: string): Promise<Record<string, string>> => {
  const author = /"recordedBy":\s*"([^"]+)"/.exec(ndjson)?.[1] ?? 'importer';
  return credentials(author, ['data-manager']);
};

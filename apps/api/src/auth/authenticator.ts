import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessError, apiKeyVerifier, ensureAdminToken, openLocalIssuer, readApiKeys, tokenVerifier, type Caller, type TokenVerifier } from '@app/access';
import type { JSONWebKeySet } from 'jose';
import type { AppConfig } from '../config/app-config.js';

type Headers = Record<string, string | string[] | undefined>;

/** Turns a request's credentials (bearer token or API key) into a caller, or refuses with 401. */
export class Authenticator {
  constructor(
    private readonly verifyToken: TokenVerifier,
    private readonly verifyApiKey: (secret: string) => Caller | undefined,
    /** Where the local admin token is, when the API runs its own issuer (said at start-up). */
    readonly adminToken?: { path: string; minted: boolean },
  ) {}

  async authenticate(headers: Headers): Promise<Caller> {
    const apiKey = headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') {
      const caller = this.verifyApiKey(apiKey);
      if (!caller) throw AccessError.unauthenticated('the API key is not known');
      return caller;
    }
    const authorization = headers['authorization'];
    if (typeof authorization !== 'string' || authorization === '') throw AccessError.unauthenticated('credentials are required: Authorization: Bearer <token>, or X-Api-Key');
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw AccessError.unauthenticated('the Authorization header must be "Bearer <token>"');
    return this.verifyToken(match[1]);
  }
}

/** Builds the authenticator the configuration asks for; on the local issuer, mints the admin token. */
export async function createAuthenticator(config: AppConfig): Promise<Authenticator> {
  const verifyApiKey = apiKeyVerifier(config.API_KEYS_FILE ? readApiKeys(config.API_KEYS_FILE) : []);
  const claims = { audience: config.AUTH_AUDIENCE, rolesClaim: config.AUTH_ROLES_CLAIM, sitesClaim: config.AUTH_SITES_CLAIM };
  if (config.AUTH_JWKS_URL || config.AUTH_JWKS_FILE) {
    const keys = config.AUTH_JWKS_URL ? { url: config.AUTH_JWKS_URL } : { jwks: JSON.parse(readFileSync(config.AUTH_JWKS_FILE as string, 'utf8')) as JSONWebKeySet };
    return new Authenticator(tokenVerifier({ ...claims, issuer: config.AUTH_ISSUER as string, keys }), verifyApiKey);
  }
  const dir = config.DATA_DIR === ':memory:' ? undefined : join(config.DATA_DIR, 'auth');
  const issuer = await openLocalIssuer(dir);
  const admin = dir ? await ensureAdminToken(issuer, dir, config.AUTH_AUDIENCE) : undefined;
  return new Authenticator(tokenVerifier({ ...claims, issuer: issuer.issuer, keys: { jwks: issuer.publicJwks } }), verifyApiKey, admin && { path: admin.path, minted: admin.minted });
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Role } from './caller.js';
import { writeOwnerOnly } from './secret-files.js';

/**
 * The embedded install's own token issuer: an Ed25519 key pair kept under the data directory
 * (readable by its owner only), so a fresh install is secured without an identity provider. A
 * hospital points AUTH_JWKS_URL at its OIDC provider instead. There is no built-in password.
 */
export const LOCAL_ISSUER = 'urn:tte:local-issuer';
export const DEFAULT_AUDIENCE = 'tte-api';
const KEY_FILE = 'local-issuer.private.jwk.json';
const ADMIN_TOKEN_FILE = 'admin.token';
const ALG = 'EdDSA';

export interface TokenRequest {
  readonly subject: string;
  readonly roles: readonly Role[];
  /** Site ids, or ["*"] for every site. */
  readonly sites: readonly string[];
  readonly ttlSeconds?: number;
  readonly audience?: string;
}

export interface LocalIssuer {
  readonly issuer: string;
  readonly publicJwks: { keys: JWK[] };
  mint(request: TokenRequest): Promise<string>;
}

/** Opens the key pair in `dir` (creating it on first use), or an in-memory one when `dir` is undefined. */
export async function openLocalIssuer(dir: string | undefined): Promise<LocalIssuer> {
  const path = dir ? join(dir, KEY_FILE) : undefined;
  let privateJwk: JWK;
  if (path && existsSync(path)) {
    privateJwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
    privateJwk = await exportJWK(privateKey);
    privateJwk.kid = await calculateJwkThumbprint(privateJwk);
    if (dir) writeOwnerOnly(dir, KEY_FILE, JSON.stringify(privateJwk));
  }
  const { d: _private, ...publicJwk } = privateJwk;
  const signingKey = await importJWK(privateJwk, ALG);
  return {
    issuer: LOCAL_ISSUER,
    publicJwks: { keys: [{ ...publicJwk, alg: ALG, use: 'sig' }] },
    mint: (r) =>
      new SignJWT({ roles: [...r.roles], sites: [...r.sites] })
        .setProtectedHeader({ alg: ALG, kid: privateJwk.kid ?? 'local' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(r.audience ?? DEFAULT_AUDIENCE)
        .setSubject(r.subject)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + (r.ttlSeconds ?? 3600))
        .sign(signingKey),
  };
}

const ADMIN_TTL_SECONDS = 90 * 24 * 3600;
const RENEW_WITHIN_SECONDS = 7 * 24 * 3600;

/**
 * The local admin's token, kept in `dir/admin.token` (owner-only): minted on first start and again
 * when it is missing or about to expire. Returns it with whether it is new (then say how to use it).
 */
export async function ensureAdminToken(issuer: LocalIssuer, dir: string, audience = DEFAULT_AUDIENCE): Promise<{ token: string; path: string; minted: boolean }> {
  const path = join(dir, ADMIN_TOKEN_FILE);
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    const exp = expiryOf(token);
    if (exp !== undefined && exp - Date.now() / 1000 > RENEW_WITHIN_SECONDS) return { token, path, minted: false };
  }
  const token = await issuer.mint({ subject: 'local-admin', roles: ['admin'], sites: ['*'], ttlSeconds: ADMIN_TTL_SECONDS, audience });
  writeOwnerOnly(dir, ADMIN_TOKEN_FILE, `${token}\n`);
  return { token, path, minted: true };
}

function expiryOf(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}

import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { AccessError } from './access-errors.js';
import { callerFrom, type Caller } from './caller.js';

export interface TokenVerifierConfig {
  readonly issuer: string;
  readonly audience: string;
  /** A JWKS URL (an OIDC provider's `jwks_uri`) or a key set in hand (a file, the local issuer). */
  readonly keys: { readonly url: string } | { readonly jwks: JSONWebKeySet };
  /** Where the roles and sites are in the claims, dotted for nested ones (`realm_access.roles`). */
  readonly rolesClaim: string;
  readonly sitesClaim: string;
}

export type TokenVerifier = (token: string) => Promise<Caller>;

const claimAt = (payload: JWTPayload, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), payload);

/** Verifies signature, issuer, audience and expiry (5 s leeway); the reason of a refusal is said, briefly. */
export function tokenVerifier(config: TokenVerifierConfig): TokenVerifier {
  const keys = 'url' in config.keys ? createRemoteJWKSet(new URL(config.keys.url)) : createLocalJWKSet(config.keys.jwks);
  // A client sends the same token with every request: a verified one is remembered for a minute at
  // most (never past its expiry), so a signature is checked once, not per request.
  const verified = new Map<string, { caller: Caller; until: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known && known.until > Date.now()) return known.caller;
    try {
      const { payload } = await jwtVerify(token, keys, { issuer: config.issuer, audience: config.audience, clockTolerance: 5 });
      if (typeof payload.sub !== 'string' || payload.sub === '') throw AccessError.unauthenticated('the token names no subject (sub)');
      const caller = callerFrom(payload.sub, claimAt(payload, config.rolesClaim), claimAt(payload, config.sitesClaim), 'token');
      if (verified.size >= MAX_REMEMBERED) verified.clear();
      verified.set(token, { caller, until: Math.min(Date.now() + REMEMBER_MS, (payload.exp ?? 0) * 1000) });
      return caller;
    } catch (e) {
      throw e instanceof AccessError ? e : AccessError.unauthenticated(reasonOf(e));
    }
  };
}

const REMEMBER_MS = 60_000;
const MAX_REMEMBERED = 10_000;

function reasonOf(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'the token has expired';
  if (e instanceof errors.JWTClaimValidationFailed) return `the token's ${e.claim} claim is not accepted here`;
  if (e instanceof errors.JWSSignatureVerificationFailed) return "the token's signature does not verify";
  if (e instanceof errors.JWKSNoMatchingKey) return 'the token is signed with a key this service does not know';
  if (e instanceof errors.JWKSTimeout || e instanceof errors.JOSEError && e.code === 'ERR_JWKS_TIMEOUT') return 'the identity provider’s keys could not be fetched';
  return 'the token is malformed';
}

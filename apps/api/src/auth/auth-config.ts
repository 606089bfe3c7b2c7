import { z } from 'zod';

/**
 * Who may call the API and how it is hardened. Without AUTH_JWKS_URL or AUTH_JWKS_FILE the API
 * trusts its own local issuer (keys under DATA_DIR/auth); with one, an OIDC provider's tokens.
 */
export const AuthEnv = z.object({
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).default('tte-api'),
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of a JSON Web Key Set' }).optional(),
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  AUTH_ROLES_CLAIM: z.string().min(1).default('roles'),
  AUTH_SITES_CLAIM: z.string().min(1).default('sites'),
  API_KEYS_FILE: z.string().min(1).optional(),
  /** Secret of the analysts' pseudonyms (keyed HMAC); kept under DATA_DIR/auth when unset. */
  /** Key-encryption key of the patients' data keys (base64url, 32 bytes); kept under DATA_DIR/auth when unset. */
  IDENTIFIER_KEK: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: 'must be 32 bytes, base64url-encoded (43 characters)' }).optional(),
  PSEUDONYM_KEY: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  /** Comma-separated origins allowed by CORS; CORS is off when unset. */
  CORS_ORIGINS: z.string().optional(),
  WRITE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
});
export type AuthEnv = z.infer<typeof AuthEnv>;

export const requireIssuerWithKeys = (env: AuthEnv, ctx: z.RefinementCtx): void => {
  if ((env.AUTH_JWKS_URL || env.AUTH_JWKS_FILE) && !env.AUTH_ISSUER) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_ISSUER'], message: 'is required with AUTH_JWKS_URL or AUTH_JWKS_FILE (the `iss` tokens must carry)' });
  }
  if (env.AUTH_JWKS_URL && env.AUTH_JWKS_FILE) ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_FILE'], message: 'set AUTH_JWKS_URL or AUTH_JWKS_FILE, not both' });
};

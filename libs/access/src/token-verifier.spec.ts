import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { AccessError } from './access-errors.js';
import { apiKeyVerifier, newApiKey } from './api-keys.js';
import { ensureAdminToken, LOCAL_ISSUER, openLocalIssuer, type LocalIssuer } from './local-issuer.js';
import { tokenVerifier } from './token-verifier.js';

const verifierFor = (issuer: LocalIssuer, extra: { rolesClaim?: string } = {}) =>
  tokenVerifier({ issuer: LOCAL_ISSUER, audience: 'tte-api', keys: { jwks: issuer.publicJwks }, rolesClaim: extra.rolesClaim ?? 'roles', sitesClaim: 'sites' });
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(AccessError);
  return (e as AccessError).message;
};

describe('bearer tokens', () => {
  let issuer: LocalIssuer;
  beforeAll(async () => {
    issuer = await openLocalIssuer(undefined);
  });

  it('gives the caller, roles and sites of a valid token; unknown roles are ignored', async () => {
    const token = await issuer.mint({ subject: 'alice', roles: ['recorder'], sites: ['H1', 'H2'] });
    const caller = await verifierFor(issuer)(token);
    expect(caller).toEqual({ subject: 'alice', roles: new Set(['recorder']), sites: new Set(['H1', 'H2']), via: 'token' });
    const all = await verifierFor(issuer)(await issuer.mint({ subject: 'root', roles: ['admin'], sites: ['*'] }));
    expect(all.sites).toBe('all');
  });

  it('refuses an expired token, a wrong audience, another issuer, a forged signature and garbage, saying why', async () => {
    const verify = verifierFor(issuer);
    expect(await refusal(verify(await issuer.mint({ subject: 'a', roles: ['admin'], sites: ['*'], ttlSeconds: -60 })))).toMatch(/expired/);
    expect(await refusal(verify(await issuer.mint({ subject: 'a', roles: ['admin'], sites: ['*'], audience: 'another-api' })))).toMatch(/aud/);
    const stranger = await openLocalIssuer(undefined);
    expect(await refusal(verify(await stranger.mint({ subject: 'a', roles: ['admin'], sites: ['*'] })))).toMatch(/key this service does not know|signature/);
    const genuine = await issuer.mint({ subject: 'a', roles: ['recorder'], sites: ['H1'] });
    const [header, , signature] = genuine.split('.');
    const elevated = Buffer.from(JSON.stringify({ sub: 'a', roles: ['admin'], sites: ['*'], iss: LOCAL_ISSUER, aud: 'tte-api', exp: 9_999_999_999 })).toString('base64url');
    expect(await refusal(verify(`${header}.${elevated}.${signature}`))).toMatch(/signature/);
    expect(await refusal(verify('not-a-token'))).toMatch(/malformed/);
    const noSubject = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32));
    expect(await refusal(verify(noSubject))).toBeTruthy();
  });

  it('reads roles from a nested claim (Keycloak realm_access.roles)', async () => {
    const verify = verifierFor(issuer, { rolesClaim: 'realm_access.roles' });
    const flat = await issuer.mint({ subject: 'a', roles: ['admin'], sites: ['*'] });
    expect((await verify(flat)).roles.size).toBe(0); // its roles sit elsewhere: authenticated, allowed nothing
  });

  it('keeps the key pair and the admin token under the data directory, readable by the owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tte-auth-'));
    const first = await openLocalIssuer(dir);
    const admin = await ensureAdminToken(first, dir);
    expect(admin.minted).toBe(true);
    expect(statSync(admin.path).mode & 0o077).toBe(0);
    expect(statSync(join(dir, 'local-issuer.private.jwk.json')).mode & 0o077).toBe(0);
    const reopened = await openLocalIssuer(dir);
    expect(reopened.publicJwks).toEqual(first.publicJwks);
    expect(await ensureAdminToken(reopened, dir)).toMatchObject({ minted: false, token: readFileSync(admin.path, 'utf8').trim() });
    expect(await verifierFor(reopened)(admin.token)).toMatchObject({ subject: 'local-admin', sites: 'all' });
  });
});

describe('API keys', () => {
  it('knows a key by its hash only, and nothing else', () => {
    const { secret, entry } = newApiKey({ id: 'importer-1', roles: ['recorder'], sites: ['H1'] });
    expect(JSON.stringify(entry)).not.toContain(secret);
    const verify = apiKeyVerifier([entry]);
    expect(verify(secret)).toMatchObject({ subject: 'api-key:importer-1', via: 'api-key', sites: new Set(['H1']) });
    expect(verify(`${secret}x`)).toBeUndefined();
  });
});

describe('verified tokens, remembered', () => {
  it('accepts a repeated token without checking it again, but never past its expiry', async () => {
    const issuer = await openLocalIssuer(undefined);
    const verify = verifierFor(issuer);
    const shortLived = await issuer.mint({ subject: 'a', roles: ['recorder'], sites: ['H1'], ttlSeconds: 1 });
    expect((await verify(shortLived)).subject).toBe('a');
    expect((await verify(shortLived)).subject).toBe('a');
    await new Promise((r) => setTimeout(r, 1100 + 5000)); // expiry plus the 5 s leeway
    expect(await refusal(verify(shortLived))).toMatch(/expired/);
  }, 15_000);
});

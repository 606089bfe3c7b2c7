import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { newApiKey, openLocalIssuer, ROLES, type Role } from '../libs/access/src/index.js';
import { startApi, type HttpAnswer, type HttpClient } from './support/test-app.js';
import { credentials, fixtureAuthor, testIdentity } from './support/test-auth.js';
import { waitFor } from './support/wait-for.js';

/**
 * Who may do what, walked as a matrix: every role against every endpoint, allowed and denied; no,
 * expired, forged and wrong-audience tokens; site scoping (other sites' patients do not exist);
 * the author and the site taken from the credentials; and the hardening of the HTTP edge.
 */
const P = 'seed001-P01';
const SEED_SITE = 'First Affiliated Hospital, Zhejiang University School of Medicine, Hangzhou';
const json = { 'content-type': 'application/json' };
const ndjson = { 'content-type': 'application/x-ndjson' };
const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8');
const efs = { paramcd: 'RLPS', param: 'Time to relapse', origin: 'first_infusion', events: ['relapse_event'], censors: ['lastcontact_censor'] };

interface Endpoint {
  readonly name: string;
  readonly allowed: readonly Role[];
  readonly request: (role: Role) => { method: string; url: string; payload?: string; headers?: Record<string, string> };
}

const enrolment = (role: Role) => JSON.stringify({ type: 'PatientEnrolled', data: { occurredOn: '2024-01-02', studyId: 'ACCESS', siteId: 'H1', subjectId: role, sex: 'female' } });

const ENDPOINTS: readonly Endpoint[] = [
  { name: 'GET /patients', allowed: ['recorder', 'data-manager', 'auditor', 'admin'], request: () => ({ method: 'GET', url: '/patients' }) },
  { name: 'GET /patients/:id/events', allowed: ['recorder', 'data-manager', 'auditor', 'admin'], request: () => ({ method: 'GET', url: `/patients/${P}/events` }) },
  { name: 'POST /patients/:id/events', allowed: ['recorder', 'data-manager', 'admin'], request: (role) => ({ method: 'POST', url: `/patients/M-${role}/events`, payload: enrolment(role), headers: json }) },
  { name: 'POST /imports', allowed: ['recorder', 'data-manager', 'admin'], request: (role) => ({ method: 'POST', url: '/imports', payload: JSON.stringify({ patientId: `I-${role}`, ...JSON.parse(enrolment(role)) }), headers: ndjson }) },
  { name: 'GET /patients/:id/timeline', allowed: ['recorder', 'data-manager', 'admin'], request: () => ({ method: 'GET', url: `/patients/${P}/timeline` }) },
  { name: 'GET /patients/:id/lines-of-therapy', allowed: ['recorder', 'data-manager', 'admin'], request: () => ({ method: 'GET', url: `/patients/${P}/lines-of-therapy` }) },
  { name: 'GET /patients/:id/replay', allowed: ['recorder', 'data-manager', 'admin'], request: () => ({ method: 'GET', url: `/patients/${P}/replay` }) },
  { name: 'GET /cohort/swimmer', allowed: ['recorder', 'data-manager', 'admin'], request: () => ({ method: 'GET', url: '/cohort/swimmer' }) },
  { name: 'GET /audit', allowed: ['auditor', 'admin'], request: () => ({ method: 'GET', url: '/audit?limit=5' }) },
  { name: 'GET /patients/:id/audit', allowed: ['auditor', 'admin'], request: () => ({ method: 'GET', url: `/patients/${P}/audit?limit=5` }) },
  { name: 'POST /patients/:id/erasure', allowed: ['data-manager', 'admin'], request: () => ({ method: 'POST', url: `/patients/${P}/erasure`, payload: JSON.stringify({ reason: 'matrix' }), headers: json }) },
  { name: 'GET /access-log', allowed: ['auditor', 'admin'], request: () => ({ method: 'GET', url: '/access-log?limit=5' }) },
  { name: 'GET /access-log/integrity', allowed: ['auditor', 'admin'], request: () => ({ method: 'GET', url: '/access-log/integrity' }) },
  { name: 'GET /survival/endpoints', allowed: ['analyst', 'data-manager', 'admin'], request: () => ({ method: 'GET', url: '/survival/endpoints' }) },
  { name: 'GET /survival/:paramcd/dataset', allowed: ['analyst', 'data-manager', 'admin'], request: () => ({ method: 'GET', url: '/survival/EFS/dataset?format=csv' }) },
  { name: 'GET /survival/:paramcd/estimates', allowed: ['analyst', 'data-manager', 'admin'], request: () => ({ method: 'GET', url: '/survival/EFS/estimates' }) },
  { name: 'POST /survival/dataset', allowed: ['analyst', 'data-manager', 'admin'], request: () => ({ method: 'POST', url: '/survival/dataset', payload: JSON.stringify(efs), headers: json }) },
  { name: 'POST /survival/estimates', allowed: ['analyst', 'data-manager', 'admin'], request: () => ({ method: 'POST', url: '/survival/estimates', payload: JSON.stringify(efs), headers: json }) },
];

const expectProblem = (res: HttpAnswer, status: number, code: string) => {
  expect({ status: res.statusCode, code: res.json()['code'] }).toEqual({ status, code });
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).not.toMatch(/\n\s+at |node_modules|select |insert /i);
};

describe('access control over HTTP', () => {
  let app: HttpClient;
  let stop: () => Promise<void>;
  let importerKey: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tte-keys-'));
    const key = newApiKey({ id: 'registry-feed', roles: ['recorder'], sites: ['H1'] });
    importerKey = key.secret;
    writeFileSync(join(dir, 'api-keys.json'), JSON.stringify({ keys: [key.entry] }));
    ({ app, stop } = await startApi('embedded', { API_KEYS_FILE: join(dir, 'api-keys.json'), WRITE_RATE_LIMIT_PER_MINUTE: '1000' }));
    for (const name of ['seed-001.ndjson', 'seed-000.ndjson']) {
      const body = fixture(name);
      const res = await app.inject({ method: 'POST', url: '/imports', payload: body, headers: { ...ndjson, ...(await fixtureAuthor(body)) } });
      expect(res.json()).toMatchObject({ rejected: [] });
    }
  });
  afterAll(async () => stop());

  describe.each(ROLES.map((r) => [r]))('as %s (every site)', (role) => {
    it.each(ENDPOINTS.map((e) => [e.name, e]))('%s', async (_name, endpoint) => {
      const { headers, ...request } = endpoint.request(role);
      const res = await app.inject({ ...request, headers: { ...headers, ...(await credentials(`user-${role}`, [role])) } });
      if (endpoint.allowed.includes(role)) expect({ status: res.statusCode, body: res.statusCode < 300 ? 'ok' : res.body }).toEqual({ status: res.statusCode, body: 'ok' });
      else expectProblem(res, 403, 'FORBIDDEN');
    });
  });

  it('answers 401 on every endpoint without credentials, with expired, forged or wrong-audience tokens, and an unknown API key; /health stays open', async () => {
    const identity = await testIdentity();
    const stranger = await openLocalIssuer(undefined);
    const bad: Record<string, Record<string, string>> = {
      none: {},
      expired: { authorization: `Bearer ${await identity.token('a', ['admin'], ['*'], { ttlSeconds: -120 })}` },
      forged: { authorization: `Bearer ${await stranger.mint({ subject: 'a', roles: ['admin'], sites: ['*'] })}` },
      'wrong audience': { authorization: `Bearer ${await identity.token('a', ['admin'], ['*'], { audience: 'billing-api' })}` },
      'not bearer': { authorization: 'Basic YWRtaW46YWRtaW4=' },
      'unknown API key': { 'x-api-key': 'tte_guess' },
    };
    for (const [what, creds] of Object.entries(bad)) {
      for (const endpoint of ENDPOINTS) {
        const { headers, ...request } = endpoint.request('admin');
        const res = await app.inject({ ...request, headers: { ...headers, authorization: '', ...creds } });
        expect({ what, endpoint: endpoint.name, status: res.statusCode }).toEqual({ what, endpoint: endpoint.name, status: 401 });
        expectProblem(res, 401, 'UNAUTHENTICATED');
        expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
      }
    }
    expect((await app.inject({ method: 'GET', url: '/health', headers: { authorization: '' } })).statusCode).toBe(200);
  });

  it('lets a service account with an API key import for its own site, as itself', async () => {
    const line = JSON.stringify({ patientId: 'FEED-1', type: 'PatientEnrolled', data: { occurredOn: '2024-02-01', studyId: 'ACCESS', subjectId: 'f1', sex: 'male' } });
    const res = await app.inject({ method: 'POST', url: '/imports', payload: line, headers: { ...ndjson, 'x-api-key': importerKey } });
    expect(res.json()).toMatchObject({ recorded: 1, rejected: [] });
    const [enrolled] = (await app.inject({ method: 'GET', url: '/patients/FEED-1/events' })).json<{ data: { siteId: string }; metadata: { recordedBy: string } }[]>();
    expect(enrolled).toMatchObject({ data: { siteId: 'H1' }, metadata: { recordedBy: 'api-key:registry-feed' } });
  });

  it('lets a recorder record facts but not correct or retract them; a data manager may', async () => {
    const recorder = await credentials('rec-1', ['recorder'], ['H1']);
    expect((await app.inject({ method: 'POST', url: '/patients/AM-1/events', payload: enrolment('recorder'), headers: { ...json, ...recorder } })).statusCode).toBe(201);
    const diagnosis = await app.inject({ method: 'POST', url: '/patients/AM-1/events', payload: JSON.stringify({ type: 'DiagnosisRecorded', data: { occurredOn: '2024-01-03', disease: 'B-ALL' } }), headers: { ...json, ...recorder } });
    const retraction = JSON.stringify({ type: 'EventRetracted', data: { targetEventId: diagnosis.json()['eventId'], reason: 'wrong patient' } });
    expectProblem(await app.inject({ method: 'POST', url: '/patients/AM-1/events', payload: retraction, headers: { ...json, ...recorder } }), 403, 'AMENDMENT_NOT_ALLOWED');
    const manager = await credentials('dm-1', ['data-manager'], ['H1']);
    expect((await app.inject({ method: 'POST', url: '/patients/AM-1/events', payload: retraction, headers: { ...json, ...manager } })).statusCode).toBe(201);
    const imported = await app.inject({ method: 'POST', url: '/imports', payload: JSON.stringify({ patientId: 'AM-1', ...JSON.parse(retraction) }), headers: { ...ndjson, ...recorder } });
    expect(imported.json()).toMatchObject({ recorded: 0, rejected: [{ line: 1, code: 'AMENDMENT_NOT_ALLOWED' }] });
  });

  it('scopes callers to their sites: other sites’ patients answer exactly as unknown ones, everywhere', async () => {
    const h1 = await credentials('rec-h1', ['recorder', 'auditor', 'data-manager'], ['H1']);
    const h2 = await credentials('rec-h2', ['recorder', 'auditor', 'data-manager'], ['H2']);
    const enrol = JSON.stringify({ type: 'PatientEnrolled', data: { occurredOn: '2024-03-01', studyId: 'ACCESS', subjectId: 's1', sex: 'male' } });
    const created = await app.inject({ method: 'POST', url: '/patients/SITE-1/events', payload: enrol, headers: { ...json, ...h1 } });
    expect(created.statusCode).toBe(201);
    for (const path of ['events', 'timeline', 'lines-of-therapy', 'replay', 'audit']) {
      const other = await app.inject({ method: 'GET', url: `/patients/SITE-1/${path}`, headers: h2 });
      const unknown = await app.inject({ method: 'GET', url: `/patients/SITE-X/${path}`, headers: h2 });
      expect({ path, status: other.statusCode }).toEqual({ path, status: 404 });
      expect(other.json()['detail']).toBe(String(unknown.json()['detail']).replace('SITE-X', 'SITE-1'));
      expect((await app.inject({ method: 'GET', url: `/patients/SITE-1/${path}`, headers: h1 })).statusCode).toBe(200);
    }
    const diagnosis = JSON.stringify({ type: 'DiagnosisRecorded', data: { occurredOn: '2024-03-02', disease: 'B-ALL' } });
    expectProblem(await app.inject({ method: 'POST', url: '/patients/SITE-1/events', payload: diagnosis, headers: { ...json, ...h2 } }), 404, 'PATIENT_NOT_FOUND');
    const listed = async (creds: Record<string, string>) => (await app.inject({ method: 'GET', url: '/patients?limit=500', headers: creds })).json<{ items: { patientId: string }[] }>().items.map((i) => i.patientId);
    expect(await listed(h1)).toContain('SITE-1');
    expect(await listed(h1)).not.toContain(P);
    expect(await listed(h2)).not.toContain('SITE-1');
    const audited = async (creds: Record<string, string>) => (await app.inject({ method: 'GET', url: '/audit?limit=1000', headers: creds })).json<{ items: { patientId: string }[] }>().items.map((i) => i.patientId);
    await waitFor(async () => (await audited(h1)).includes('SITE-1'));
    expect(await audited(h2)).not.toContain('SITE-1');
    const seedSite = await credentials('dm-zju', ['data-manager'], [SEED_SITE]);
    const csv = (await app.inject({ method: 'GET', url: '/survival/OS/dataset?format=csv', headers: seedSite })).body;
    expect(csv).toContain(P);
    expect(csv).not.toContain('seed000-S001');
    const swimmer = (await app.inject({ method: 'GET', url: '/cohort/swimmer', headers: seedSite })).json<{ patientId: string }[]>();
    expect(swimmer.map((r) => r.patientId)).toEqual([P]);
  });

  it('takes the author and the enrolment site from the credentials, never from the body', async () => {
    const two = await credentials('rec-2', ['recorder'], ['H1', 'H2']);
    const bare = JSON.stringify({ type: 'PatientEnrolled', data: { occurredOn: '2024-04-01', studyId: 'ACCESS', subjectId: 's2', sex: 'male' } });
    expectProblem(await app.inject({ method: 'POST', url: '/patients/SITE-2/events', payload: bare, headers: { ...json, ...two } }), 400, 'SITE_REQUIRED');
    expectProblem(await app.inject({ method: 'POST', url: '/patients/SITE-2/events', payload: bare, headers: { ...json, ...two, 'x-site-id': 'H9' } }), 403, 'SITE_NOT_YOURS');
    const elsewhere = JSON.stringify({ type: 'PatientEnrolled', data: { occurredOn: '2024-04-01', studyId: 'ACCESS', subjectId: 's2', sex: 'male', siteId: 'H1' } });
    expectProblem(await app.inject({ method: 'POST', url: '/patients/SITE-2/events', payload: elsewhere, headers: { ...json, ...two, 'x-site-id': 'H2' } }), 400, 'SITE_FROM_CREDENTIALS');
    const impostor = JSON.stringify({ type: 'PatientEnrolled', recordedBy: 'dr-someone-else', data: { occurredOn: '2024-04-01', studyId: 'ACCESS', subjectId: 's2', sex: 'male' } });
    expectProblem(await app.inject({ method: 'POST', url: '/patients/SITE-2/events', payload: impostor, headers: { ...json, ...two, 'x-site-id': 'H2' } }), 400, 'RECORDED_BY_FROM_CREDENTIALS');
    expect((await app.inject({ method: 'POST', url: '/patients/SITE-2/events', payload: bare, headers: { ...json, ...two, 'x-site-id': 'H2' } })).statusCode).toBe(201);
    const [first] = (await app.inject({ method: 'GET', url: '/patients/SITE-2/events', headers: two })).json<{ data: { siteId: string }; metadata: { recordedBy: string } }[]>();
    expect(first).toMatchObject({ data: { siteId: 'H2' }, metadata: { recordedBy: 'rec-2' } });
  });

  it('gives analysts de-identified datasets, in every format, with the same survival numbers', async () => {
    const analyst = await credentials('an-1', ['analyst']);
    const manager = await credentials('dm-all', ['data-manager']);
    const csv = (await app.inject({ method: 'GET', url: '/survival/EFS/dataset?format=csv', headers: analyst })).body;
    const [header, ...lines] = csv.trim().split('\n');
    expect(lines.length).toBe(9);
    expect(header).not.toMatch(/(^|,)(STARTDT|ADT|eventId|position|SUBJID|SRCSEQ)(,|$)|birth|occurredOn/);
    expect(csv).not.toMatch(/\d{4}-\d{2}/); // no real date, full or partial
    expect(csv).not.toMatch(/seed00|Hospital|Medical Center|case-/);
    const json = (await app.inject({ method: 'GET', url: '/survival/EFS/dataset', headers: analyst })).json<{ deIdentified: boolean; rows: { USUBJID: string }[] }>();
    expect(json.deIdentified).toBe(true);
    expect(json.rows.every((r) => /^S[A-Z0-9]{16}$/.test(r.USUBJID))).toBe(true);
    const again = (await app.inject({ method: 'GET', url: '/survival/OS/dataset', headers: analyst })).json<{ rows: { USUBJID: string }[] }>();
    expect(new Set(again.rows.map((r) => r.USUBJID))).toEqual(new Set(json.rows.map((r) => r.USUBJID)));
    const parquet = (await app.inject({ method: 'GET', url: '/survival/EFS/dataset?format=parquet', headers: analyst })).raw;
    expect(Buffer.from(parquet).toString('latin1')).not.toMatch(/seed00|Hospital|\d{4}-\d{2}-\d{2}/);
    const estimates = async (creds: Record<string, string>) => (await app.inject({ method: 'GET', url: '/survival/EFS/estimates?times=12,24&groupBy=CARTSRC', headers: creds })).json<Record<string, unknown>>();
    expect(await estimates(analyst)).toEqual(await estimates(manager));
    const bySite = (await app.inject({ method: 'GET', url: '/survival/EFS/estimates?groupBy=SITEID', headers: analyst })).body;
    expect(bySite).not.toMatch(/Hospital|Medical Center/);
    const identified = (await app.inject({ method: 'GET', url: '/survival/EFS/dataset?format=csv', headers: manager })).body;
    expect(identified).toContain('seed000-S001');
  });

  it('logs every read of identifiable data, who, what, when and from where, for auditors; nothing is lost', async () => {
    const reader = await credentials('reader-1', ['recorder']);
    for (const path of ['timeline', 'events', 'lines-of-therapy', 'replay']) expect((await app.inject({ method: 'GET', url: `/patients/${P}/${path}`, headers: reader })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/patients/NOBODY/timeline', headers: reader })).statusCode).toBe(404);
    const auditor = await credentials('aud-1', ['auditor']);
    const page = (await app.inject({ method: 'GET', url: '/access-log?subject=reader-1', headers: auditor })).json<{ items: { action: string; patientId: string; status: number; ip: string; at: string; roles: string[]; via: string }[] }>();
    expect(page.items.map((i) => [i.action, i.patientId, i.status])).toEqual([
      ['timeline', P, 200],
      ['events', P, 200],
      ['lines-of-therapy', P, 200],
      ['replay', P, 200],
      ['timeline', 'NOBODY', 404],
    ]);
    expect(page.items[0]).toMatchObject({ roles: ['recorder'], via: 'token', ip: '127.0.0.1' });
    const scoped = await credentials('aud-h1', ['auditor'], ['H1']);
    expect((await app.inject({ method: 'GET', url: '/access-log?subject=reader-1', headers: scoped })).json<{ items: unknown[] }>().items).toEqual([]);
    // An auditor of P's site sees its reads: the site's patients come from the views (their own database on the embedded store).
    const ofP = await credentials('aud-zju', ['auditor'], ['First Affiliated Hospital, Zhejiang University School of Medicine, Hangzhou']);
    await waitFor(async () => (await app.inject({ method: 'GET', url: '/access-log?subject=reader-1', headers: ofP })).json<{ items: unknown[] }>().items.length === 4);
    const seen = (await app.inject({ method: 'GET', url: '/access-log?subject=reader-1', headers: ofP })).json<{ items: { patientId: string }[] }>().items;
    expect(new Set(seen.map((i) => i.patientId))).toEqual(new Set([P]));
    const integrity = (await app.inject({ method: 'GET', url: '/access-log/integrity', headers: auditor })).json();
    expect(integrity).toMatchObject({ gaps: [], writer: { status: 'ok', pending: 0, dropped: 0 } });
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ accessLog: { status: 'ok' } });
  });

  it('sends security headers, no CORS unless configured, and refuses oversized bodies cleanly', async () => {
    const res = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const huge = JSON.stringify({ type: 'PatientEnrolled', data: { note: 'x'.repeat(2 * 1024 * 1024) } });
    const big = await app.inject({ method: 'POST', url: '/patients/BIG/events', payload: huge, headers: json });
    expect(big.statusCode).toBe(413);
    expect(big.body).not.toMatch(/\n\s+at /);
  });
});

describe('an OIDC identity provider, and CORS when configured', () => {
  it('verifies tokens against the provider’s JWKS URL and answers CORS only for the configured origins', async () => {
    const provider = await openLocalIssuer(undefined);
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/.well-known/jwks.json' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(provider.publicJwks));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    const { app, stop } = await startApi('embedded', {
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      AUTH_JWKS_FILE: '',
      AUTH_ISSUER: provider.issuer,
      CORS_ORIGINS: 'https://ward.example',
    });
    try {
      const token = await provider.mint({ subject: 'nurse-1', roles: ['recorder'], sites: ['H1'] });
      expect((await app.inject({ method: 'GET', url: '/patients', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
      const stranger = await (await testIdentity()).token('a', ['admin']);
      expect((await app.inject({ method: 'GET', url: '/patients', headers: { authorization: `Bearer ${stranger}` } })).statusCode).toBe(401);
      const allowed = await app.inject({ method: 'OPTIONS', url: '/patients', headers: { authorization: '', origin: 'https://ward.example', 'access-control-request-method': 'GET' } });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://ward.example');
      const other = await app.inject({ method: 'GET', url: '/health', headers: { authorization: '', origin: 'https://evil.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await stop();
      server.close();
    }
  });
});

describe('rate limiting of writes', () => {
  it('answers 429 with a problem once a caller exceeds its writes per minute; reads go on', async () => {
    const { app, stop } = await startApi('embedded', { WRITE_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await app.inject({ method: 'POST', url: `/patients/RL-${i}/events`, payload: enrolment('admin'), headers: json })).statusCode);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const limited = await app.inject({ method: 'POST', url: '/patients/RL-9/events', payload: enrolment('admin'), headers: json });
      expect(limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED', detail: expect.stringMatching(/at most 3 writes a minute/) });
      expect((await app.inject({ method: 'GET', url: '/patients' })).statusCode).toBe(200);
    } finally {
      await stop();
    }
  });
});

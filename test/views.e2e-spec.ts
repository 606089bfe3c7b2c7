import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startApi, type HttpClient, type StoreKind } from './support/test-app.js';
import { credentials, fixtureAuthor } from './support/test-auth.js';

interface Timeline {
  header: { counts: { entries: number; retracted: number; corrected: number } };
  entries: { eventId: string; type: string; occurredOn: string; phase: string; current: Record<string, unknown>; amendments: { kind: string; recordedBy: string; reason: string }[] }[];
}
interface Lines {
  lines: { number: number; kind: string; outcome: { reason: string }; regimens: { name: string }[]; bestResponse?: { result: string } }[];
  currentState?: { status: string };
}
interface Swimmer {
  patientId: string;
  markers: { kind: string }[];
}

const fixture = readFileSync(resolve(import.meta.dirname, 'fixtures/seed-001.ndjson'), 'utf8');
const cohort = readFileSync(resolve(import.meta.dirname, 'fixtures/seed-000.ndjson'), 'utf8');
const P = 'seed001-P01';

/** A GET as a client that does not decode what it is sent (fetch unpacks gzip on its own): the headers and the bytes on the wire. */
function rawGet(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe.each<StoreKind>(['embedded', 'postgres'])('views over HTTP (%s store)', (kind) => {
  let app: HttpClient;
  let stop: () => Promise<void>;
  let base: string;
  let importedAt: string;
  beforeAll(async () => {
    const started = await startApi(kind);
    ({ app, stop } = started);
    base = (await started.nest.getUrl()).replace('[::1]', '127.0.0.1');
    for (const body of [fixture, cohort]) {
      const res = await app.inject({ method: 'POST', url: '/imports', payload: body, headers: { 'content-type': 'application/x-ndjson', ...(await fixtureAuthor(body)) } });
      expect(res.json()).toMatchObject({ rejected: [] });
    }
    importedAt = new Date().toISOString();
    await caughtUp(app);
  });
  afterAll(async () => stop());

  const get = async <T>(url: string) => {
    const res = await app.inject({ method: 'GET', url });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const post = async (body: unknown) =>
    app.inject({ method: 'POST', url: `/patients/${P}/events`, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(await credentials('dm-li', ['data-manager'])) } });

  it('serves the timeline in clinical order and the four lines of therapy of seed 001', async () => {
    const timeline = await get<Timeline>(`/patients/${P}/timeline`);
    const clinical = timeline.entries.filter((e) => e.type !== 'PatientEnrolled');
    expect(clinical[0]?.type).toBe('ChemotherapyAdministered');
    expect(timeline.entries.at(-1)).toMatchObject({ type: 'LastContactRecorded', occurredOn: '2022-03-06' });
    const lines = await get<Lines>(`/patients/${P}/lines-of-therapy`);
    expect(lines.lines.map((l) => [l.number, l.kind, l.outcome.reason])).toEqual([
      [1, 'chemotherapy', 'refractory'],
      [2, 'chemotherapy', 'relapse'],
      [3, 'car-t', 'relapse'],
      [4, 'car-t', 'ongoing'],
    ]);
  });

  it('sends a stored view as stored, gzip, to a client that takes it, and unpacked to one that does not', async () => {
    const admin = await credentials('test-admin-raw', ['admin']);
    for (const view of ['timeline', 'lines-of-therapy']) {
      const plain = await rawGet(base, `/patients/${P}/${view}`, admin);
      const packed = await rawGet(base, `/patients/${P}/${view}`, { ...admin, 'accept-encoding': 'gzip, deflate, br' });
      const refused = await rawGet(base, `/patients/${P}/${view}`, { ...admin, 'accept-encoding': 'gzip;q=0, identity' });
      expect([plain.status, packed.status, refused.status]).toEqual([200, 200, 200]);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(refused.headers['content-encoding']).toBeUndefined();
      expect(packed.headers['content-encoding']).toBe('gzip');
      for (const answer of [plain, packed, refused]) {
        expect(answer.headers['vary']).toContain('accept-encoding');
        expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      }
      expect(gunzipSync(packed.bytes).toString('utf8')).toBe(plain.bytes.toString('utf8'));
      expect(refused.bytes.toString('utf8')).toBe(plain.bytes.toString('utf8'));
    }
    const timeline = await rawGet(base, `/patients/${P}/timeline`, { ...admin, 'accept-encoding': 'gzip' });
    expect(timeline.bytes.length * 5).toBeLessThan(gunzipSync(timeline.bytes).length);
    // A timeline whose sealed identifiers are opened for the caller is new text: it goes unpacked.
    const enrol = { type: 'PatientEnrolled', data: { occurredOn: '2024-05-02', studyId: 'GZ', siteId: 'S1', subjectId: 'g1', sex: 'female', identifiers: { name: 'Ada Example' } } };
    expect((await app.inject({ method: 'POST', url: '/patients/GZ-1/events', payload: JSON.stringify(enrol), headers: { 'content-type': 'application/json' } })).statusCode).toBe(201);
    await caughtUp(app);
    const opened = await rawGet(base, '/patients/GZ-1/timeline', { ...admin, 'accept-encoding': 'gzip' });
    expect(opened.headers['content-encoding']).toBeUndefined();
    expect(opened.bytes.toString('utf8')).toContain('Ada Example');
    // A past view is derived from the events, not stored: it goes as JSON text.
    const past = await rawGet(base, `/patients/${P}/timeline?asOf=${encodeURIComponent(importedAt)}`, { ...admin, 'accept-encoding': 'gzip' });
    expect(past.headers['content-encoding']).toBeUndefined();
    expect((JSON.parse(past.bytes.toString('utf8')) as Timeline).entries.length).toBeGreaterThan(10);
  });

  it('serves the cohort swimmer dataset and the audit trail', async () => {
    const swimmer = await get<Swimmer[]>('/cohort/swimmer');
    expect(swimmer.map((r) => r.patientId).filter((p) => p.startsWith('seed000'))).toHaveLength(8);
    type Page = { items: { position: number; recordedBy: string; action: string }[]; next?: number };
    const first = await get<Page>('/audit?author=fixture%3Aseed-000&limit=100');
    expect(first.items).toHaveLength(100);
    expect(first.next).toBe(first.items.at(-1)?.position);
    const rest = await get<Page>(`/audit?author=fixture%3Aseed-000&limit=100&after=${first.next}`);
    expect(rest.next).toBeUndefined();
    const all = [...first.items, ...rest.items];
    const recorded = cohort.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
    expect(all).toHaveLength(recorded);
    expect(all.every((i) => i.recordedBy === 'fixture:seed-000' && i.action === 'recorded')).toBe(true);
    expect((await get<Page>('/audit?type=CarTInfused&limit=100')).items).toHaveLength(13);
  });

  it('reflects a correction and a retraction in every view and in the audit trail', async () => {
    const before = await get<Timeline>(`/patients/${P}/timeline`);
    const infusion = before.entries.find((e) => e.type === 'CarTInfused');
    const eltrombopag = before.entries.find((e) => e.type === 'SupportiveTreatmentGiven' && e.current['drug'] === 'eltrombopag');
    if (!infusion || !eltrombopag) throw new Error('fixture lacks an infusion or eltrombopag');
    const corrected = await post({ type: 'EventCorrected', data: { targetEventId: infusion.eventId, correctedData: { ...infusion.current, dose: { value: 3.01e6, unit: 'cells/kg' } }, reason: 'dose re-read from the pharmacy record' } });
    expect(corrected.statusCode).toBe(201);
    expect((await post({ type: 'EventRetracted', data: { targetEventId: eltrombopag.eventId, reason: 'belongs to another patient' } })).statusCode).toBe(201);
    await caughtUp(app);

    const after = await get<Timeline>(`/patients/${P}/timeline`);
    expect(after.entries.find((e) => e.eventId === infusion.eventId)).toMatchObject({ current: { dose: { value: 3.01e6 } }, amendments: [{ kind: 'correction', recordedBy: 'dm-li', reason: 'dose re-read from the pharmacy record' }] });
    expect(after.entries.find((e) => e.eventId === eltrombopag.eventId)).toBeUndefined();
    expect(after.header.counts).toMatchObject({ entries: before.header.counts.entries - 1, retracted: 1, corrected: 1 });
    expect((await get<Lines>(`/patients/${P}/lines-of-therapy`)).lines).toHaveLength(4);
    const audit = await get<{ items: { action: string; targetEventId?: string; reason?: string }[] }>(`/patients/${P}/audit?author=dm-li`);
    expect(audit.items.map((i) => [i.action, i.targetEventId, i.reason])).toEqual([
      ['corrected', infusion.eventId, 'dose re-read from the pharmacy record'],
      ['retracted', eltrombopag.eventId, 'belongs to another patient'],
    ]);

    const then = await get<Timeline>(`/patients/${P}/timeline?asOf=${encodeURIComponent(importedAt)}`);
    expect(then.entries.find((e) => e.eventId === infusion.eventId)?.amendments).toEqual([]);
    expect(then.entries.find((e) => e.eventId === eltrombopag.eventId)).toBeDefined();
  });

  it('replays the course event by event, with the lines after each event', async () => {
    const steps = await get<{ revision: number; event: { type: string }; linesOfTherapy: Lines }[]>(`/patients/${P}/replay?asOf=${encodeURIComponent(importedAt)}`);
    const recorded = fixture.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
    expect(steps.map((s) => s.revision)).toEqual([...Array(recorded).keys()]);
    expect(steps[0]?.linesOfTherapy.lines).toEqual([]);
    const counts = steps.map((s) => s.linesOfTherapy.lines.length);
    expect(counts.every((n, i) => i === 0 || n >= (counts[i - 1] as number))).toBe(true);
    expect(counts.at(-1)).toBe(4);
  });

  it('answers asOf exactly as a store that holds only what had been recorded by then', async () => {
    const asOf = await get<Timeline>(`/patients/${P}/timeline?asOf=${encodeURIComponent(importedAt)}`);
    const truncated = await startApi(kind);
    try {
      await truncated.app.inject({ method: 'POST', url: '/imports', payload: fixture, headers: { 'content-type': 'application/x-ndjson', ...(await fixtureAuthor(fixture)) } });
      await caughtUp(truncated.app);
      const present = (await truncated.app.inject({ method: 'GET', url: `/patients/${P}/timeline` })).json<Timeline>();
      const comparable = (t: Timeline) => t.entries.map(({ eventId, type, occurredOn, phase, current, amendments }) => ({ eventId, type, occurredOn, phase, current, amendments }));
      expect(comparable(present)).toEqual(comparable(asOf));
      expect(present.header.counts).toEqual(asOf.header.counts);
    } finally {
      await truncated.stop();
    }
  });

  it('answers a data cutoff with only the facts that happened by then', async () => {
    const lines = await get<Lines>(`/patients/${P}/lines-of-therapy?cutoff=2021-03-31`);
    expect(lines.lines.map((l) => l.outcome.reason)).toEqual(['refractory', 'relapse', 'ongoing']);
    const timeline = await get<Timeline>(`/patients/${P}/timeline?cutoff=2021-03-31`);
    expect(timeline.entries.every((e) => (e.occurredOn ?? '') <= '2021-03-31')).toBe(true);
  });

  it('says what is wrong with a malformed asOf or cutoff, and 404 for an unknown patient', async () => {
    expect((await app.inject({ method: 'GET', url: `/patients/${P}/timeline?asOf=yesterday` })).json()).toMatchObject({ status: 400, code: 'INVALID_AS_OF', field: 'asOf' });
    expect((await app.inject({ method: 'GET', url: `/patients/${P}/lines-of-therapy?cutoff=2021-02-30` })).json()).toMatchObject({ status: 400, code: 'INVALID_CUTOFF', field: 'cutoff' });
    expect((await app.inject({ method: 'GET', url: '/patients/NOBODY/timeline' })).statusCode).toBe(404);
  });

  it('shows the projection position and lag on /health', async () => {
    const health = await get<{ projections: { eventsBehind: number; failedPatients: number; position: number }[]; eventStore: { headPosition: number } }>('/health');
    expect(health.projections[0]).toMatchObject({ eventsBehind: 0, failedPatients: 0, position: health.eventStore.headPosition });
  });
});

async function caughtUp(app: HttpClient): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const health = (await app.inject({ method: 'GET', url: '/health' })).json<{ projections: { eventsBehind: number }[] }>();
    if (health.projections[0]?.eventsBehind === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the projection did not catch up');
}

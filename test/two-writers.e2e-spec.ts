import { freshDatabase, startApi, type HttpClient } from './support/test-app.js';

/**
 * Two API processes on one PostgreSQL store: each keeps courses in memory between commands, and a
 * course the other one moved on must cost a reload, never a lost or wrongly refused fact.
 */
describe('two API instances on one store', () => {
  let a: HttpClient;
  let b: HttpClient;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const db = await freshDatabase();
    const first = await startApi('postgres', { DATABASE_URL: db.url });
    const second = await startApi('postgres', { DATABASE_URL: db.url });
    a = first.app;
    b = second.app;
    stop = async () => {
      await first.stop();
      await second.stop();
      await db.drop();
    };
  });
  afterAll(async () => stop());

  const post = (app: HttpClient, body: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/patients/T1/events', payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  const lab = (value: number) => ({ type: 'LabMeasured', data: { occurredOn: '2021-01-02', analyte: 'CRP', specimen: 'serum', value, unit: 'mg/L' } });

  it('decides again on the stored course when the other instance wrote meanwhile', async () => {
    expect((await post(a, { type: 'PatientEnrolled', data: { occurredOn: '2021-01-01', studyId: 'S', siteId: 'A', subjectId: 'T1', sex: 'male' } })).statusCode).toBe(201);
    expect((await post(a, lab(1))).json()).toMatchObject({ revision: 1 });
    expect((await post(b, lab(2))).json()).toMatchObject({ revision: 2 });
    expect((await post(a, lab(3))).json()).toMatchObject({ revision: 3 });
    expect((await post(b, lab(4), { 'if-match': '"3"' })).json()).toMatchObject({ revision: 4 });
    expect((await post(a, lab(5), { 'if-match': '"4"' })).json()).toMatchObject({ revision: 5 });
    const stale = await post(b, lab(6), { 'if-match': '"4"' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ currentRevision: 5 });
    const events = (await b.inject({ method: 'GET', url: '/patients/T1/events' })).json<{ data: { value?: number } }[]>();
    expect(events.map((e) => e.data.value)).toEqual([undefined, 1, 2, 3, 4, 5]);
  });
});

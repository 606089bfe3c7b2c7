import { startApi, type HttpClient, type StoreKind } from './support/test-app.js';
import { credentials } from './support/test-auth.js';

const enrolment = { type: 'PatientEnrolled', data: { occurredOn: '2020-07-21', studyId: 'ZJU', siteId: 'FAH-ZJU', subjectId: 'P1', sex: 'female' } };
const diagnosis = { type: 'DiagnosisRecorded', data: { occurredOn: '2020-07-21', disease: 'B-ALL', immunophenotype: ['CD19', 'CD22'] } };
const death = { type: 'DeathRecorded', data: { occurredOn: '2022-01-10', cause: 'disease' } };

describe.each<StoreKind>(['embedded', 'postgres'])('recording facts over HTTP (%s store)', (kind) => {
  let app: HttpClient;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ app, stop } = await startApi(kind));
  });
  afterAll(async () => stop());

  const post = (patientId: string, body: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/patients/${patientId}/events`, payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  const head = async () => (await app.inject({ method: 'GET', url: '/health' })).json<{ eventStore: { headPosition: number } }>().eventStore.headPosition;

  it('records a fact with who, when and the correlation id, and lists the patient with its revision', async () => {
    const res = await post('P1', enrolment, { ...(await credentials('dr-kong', ['recorder'], ['FAH-ZJU'])), 'x-correlation-id': 'corr-1' });
    expect(res.statusCode).toBe(201);
    expect(res.headers['etag']).toBe('"0"');
    expect(res.json()).toMatchObject({ patientId: 'P1', type: 'PatientEnrolled', revision: 0, replayed: false });
    expect((await post('P1', diagnosis)).statusCode).toBe(201);

    const events = await app.inject({ method: 'GET', url: '/patients/P1/events' });
    expect(events.headers['etag']).toBe('"1"');
    const [first] = events.json<{ type: string; revision: number; metadata: Record<string, unknown> }[]>();
    expect(first).toMatchObject({ type: 'PatientEnrolled', revision: 0, metadata: { recordedBy: 'dr-kong', correlationId: 'corr-1', patientId: 'P1', schemaVersion: 2 } });
    expect(Date.parse(first?.metadata['recordedAt'] as string)).not.toBeNaN();

    const list = await app.inject({ method: 'GET', url: '/patients?limit=10' });
    expect(list.json()).toMatchObject({ items: [{ patientId: 'P1', revision: 1 }] });
  });

  it.each([
    ['malformed JSON', '{"type": "Diagnos', 400, 'MALFORMED_JSON', undefined],
    ['an unknown event type', { type: 'TumourShrank', data: {} }, 400, 'UNKNOWN_EVENT_TYPE', 'type'],
    ['a missing field', { type: 'DiagnosisRecorded', data: { disease: 'B-ALL' } }, 400, 'INVALID_EVENT_DATA', 'data.occurredOn'],
    ['a mistyped field', { type: 'LabMeasured', data: { occurredOn: '2020-08-01', analyte: 'IL-6', specimen: 'PB', value: 'high', unit: 'pg/mL' } }, 400, 'INVALID_EVENT_DATA', 'data.value'],
    ['a wrong unit', { type: 'LabMeasured', data: { occurredOn: '2020-08-01', analyte: 'IL-6', specimen: 'PB', value: 26.62, unit: 'ng/mL' } }, 400, 'INVALID_EVENT_DATA', 'data.unit'],
    ['a future date', { type: 'LastContactRecorded', data: { occurredOn: '2099-01-01', status: 'alive-without-disease' } }, 400, 'FUTURE_DATE', 'data.occurredOn'],
    ['a relapse without remission', { type: 'RelapseRecorded', data: { occurredOn: '2020-09', sites: [{ site: 'bone-marrow' }] } }, 422, 'RELAPSE_WITHOUT_REMISSION', 'type'],
    ['a second enrolment', enrolment, 422, 'ALREADY_ENROLLED', 'type'],
  ])('answers %s with a problem that names the field, and records nothing', async (_what, body, status, code, field) => {
    const before = await head();
    const res = await post('P1', body);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status, code, ...(field && { field }) });
    expect(res.body).not.toMatch(/\bat \w+ \(|node_modules|select |insert /i);
    expect(await head()).toBe(before);
  });

  it('answers a fact after death with 422 and records nothing', async () => {
    await post('P2', { ...enrolment, data: { ...enrolment.data, subjectId: 'P2' } });
    await post('P2', diagnosis);
    expect((await post('P2', death)).statusCode).toBe(201);
    const before = await head();
    const res = await post('P2', { type: 'LastContactRecorded', data: { occurredOn: '2022-02-01', status: 'alive-with-disease' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'FACT_AFTER_DEATH', field: 'data.occurredOn' });
    expect(await head()).toBe(before);
  });

  it('answers a fact for an unknown patient, and an unknown patient, clearly', async () => {
    const notEnrolled = await post('NOBODY', diagnosis);
    expect(notEnrolled.statusCode).toBe(404);
    expect(notEnrolled.json()).toMatchObject({ code: 'PATIENT_NOT_FOUND', detail: expect.stringContaining('PatientEnrolled') });
    const res = await app.inject({ method: 'GET', url: '/patients/NOBODY/events' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'PATIENT_NOT_FOUND' });
  });

  it('uses If-Match for optimistic concurrency: a stale revision is a 409 and records nothing', async () => {
    await post('P3', { ...enrolment, data: { ...enrolment.data, subjectId: 'P3' } });
    const stale = await post('P3', diagnosis, { 'if-match': '"5"' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', currentRevision: 0 });
    expect((await post('P3', diagnosis, { 'if-match': '"0"' })).statusCode).toBe(201);
    expect((await post('P3', diagnosis, { 'if-match': 'yesterday' })).json()).toMatchObject({ code: 'INVALID_IF_MATCH', field: 'If-Match' });
  });

  it('lets exactly one of two concurrent writers at the same revision win', async () => {
    await post('P4', { ...enrolment, data: { ...enrolment.data, subjectId: 'P4' } });
    const results = await Promise.all([post('P4', diagnosis, { 'if-match': '"0"' }), post('P4', diagnosis, { 'if-match': '"0"' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await app.inject({ method: 'GET', url: '/patients/P4/events' })).json()).toHaveLength(2);
  });

  it('records nothing the second time an Idempotency-Key is sent, and answers with the first result', async () => {
    const body = { ...enrolment, data: { ...enrolment.data, subjectId: 'P5' } };
    const first = await post('P5', body, { 'idempotency-key': 'enrol-p5' });
    const again = await post('P5', body, { 'idempotency-key': 'enrol-p5' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual({ ...first.json(), replayed: true });
    expect((await app.inject({ method: 'GET', url: '/patients/P5/events' })).json()).toHaveLength(1);
  });

  it('imports NDJSON: good lines recorded, bad lines reported by line and field, a re-run records nothing', async () => {
    const lines = [
      JSON.stringify({ patientId: 'IMP1', ...enrolment, data: { ...enrolment.data, subjectId: 'IMP1' } }),
      '# a comment',
      JSON.stringify({ patientId: 'IMP1', ...diagnosis }),
      '{"patientId": "IMP1", "type": ',
      JSON.stringify({ patientId: 'IMP1', type: 'CarTInfused', data: { occurredOn: '2020-10-01', product: { target: 'CD19', source: 'autologous' }, dose: { value: 2.99, unit: 'mg' }, infusionNumber: 1 } }),
    ].join('\n');
    const send = () => app.inject({ method: 'POST', url: '/imports?source=batch-7.ndjson', payload: lines, headers: { 'content-type': 'application/x-ndjson' } });
    const first = await send();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      lines: 5,
      recorded: 2,
      alreadyRecorded: 0,
      rejected: [
        { line: 4, code: 'MALFORMED_JSON' },
        { line: 5, code: 'INVALID_EVENT_DATA', field: 'data.dose.unit' },
      ],
    });
    const again = (await send()).json();
    expect(again).toMatchObject({ recorded: 0, alreadyRecorded: 2 });
    const events = (await app.inject({ method: 'GET', url: '/patients/IMP1/events' })).json<{ metadata: { source: string } }[]>();
    expect(events.map((e) => e.metadata.source)).toEqual(['batch-7.ndjson:1', 'batch-7.ndjson:3']);
  });
});

describe('the API around the facts', () => {
  let app: HttpClient;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ app, stop } = await startApi('embedded', { SEED_ON_EMPTY: 'true' }));
  });
  afterAll(async () => stop());

  it('loads the two source papers into an empty store, so a newcomer sees data at once', async () => {
    const page = (await app.inject({ method: 'GET', url: '/patients?limit=100' })).json<{ items: { patientId: string }[] }>();
    expect(page.items).toHaveLength(9);
  });

  it('pages through patients', async () => {
    const first = (await app.inject({ method: 'GET', url: '/patients?limit=4' })).json<{ items: { patientId: string }[]; next: string }>();
    const second = (await app.inject({ method: 'GET', url: `/patients?limit=10&after=${first.next}` })).json<{ items: { patientId: string }[]; next?: string }>();
    expect(first.items).toHaveLength(4);
    expect(second.items).toHaveLength(5);
    expect(second.next).toBeUndefined();
    expect(new Set([...first.items, ...second.items].map((p) => p.patientId)).size).toBe(9);
    expect((await app.inject({ method: 'GET', url: '/patients?limit=0' })).json()).toMatchObject({ code: 'INVALID_LIMIT', field: 'limit' });
  });

  it('serves OpenAPI whose event schemas come from the validating schemas', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs-json' })).json<{ components: { schemas: Record<string, { properties?: Record<string, unknown>; oneOf?: unknown[] }> }; paths: Record<string, unknown> }>();
    expect(doc.paths).toHaveProperty(['/patients/{patientId}/events']);
    expect(doc.components.schemas['FactInput']?.oneOf).toHaveLength(20);
    expect(JSON.stringify(doc.components.schemas['CarTInfusedData'])).toContain('cells/kg');
  });

  it('reports health with the store position', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.json()).toMatchObject({ status: 'ok', eventStore: { kind: 'embedded', status: 'up' } });
  });
});

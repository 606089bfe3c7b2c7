import pg from 'pg';
import { freshDatabase, startApi, type HttpClient } from './support/test-app.js';
import { credentials } from './support/test-auth.js';
import { waitFor } from './support/wait-for.js';

/**
 * Direct identifiers are stored only sealed under the patient's own key; erasure destroys the key.
 * Proved on the raw tables: every row of every table, as text, is searched for the identifiers.
 */
const P = 'ERASE-1';
const NAME = 'Zhang Xiaoming';
const HRN = 'HRN-77310042';
const BIRTH = '2011-04-09';
const json = { 'content-type': 'application/json' };

async function rawTables(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>("select quote_ident(schemaname) || '.' || quote_ident(tablename) as name from pg_tables where schemaname not in ('pg_catalog', 'information_schema')");
    let all = '';
    for (const { name } of tables.rows) all += (await client.query<{ row: string }>(`select t::text as row from ${name} t`)).rows.map((r) => r.row).join('\n');
    return all;
  } finally {
    await client.end();
  }
}

describe('identifiers sealed per patient, and erased by destroying the key', () => {
  let app: HttpClient;
  let stop: () => Promise<void>;
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ url, drop } = await freshDatabase());
    ({ app, stop } = await startApi('postgres', { DATABASE_URL: url }));
  });
  afterAll(async () => {
    await stop();
    await drop();
  });

  it('never stores identifiers in clear, opens them in the timeline, and makes them unrecoverable on erasure while the clinical facts stay', async () => {
    const recorder = await credentials('rec-e', ['recorder'], ['H1']);
    const manager = await credentials('dm-e', ['data-manager'], ['H1']);
    const enrol = { type: 'PatientEnrolled', data: { occurredOn: '2024-05-02', studyId: 'ERASE', subjectId: 'e1', sex: 'male', identifiers: { name: NAME, hospitalRecordNumber: HRN, birthDate: BIRTH } } };
    expect((await app.inject({ method: 'POST', url: `/patients/${P}/events`, payload: JSON.stringify(enrol), headers: { ...json, ...recorder } })).statusCode).toBe(201);
    const diagnosis = { type: 'DiagnosisRecorded', data: { occurredOn: '2024-05-03', disease: 'B-ALL' } };
    expect((await app.inject({ method: 'POST', url: `/patients/${P}/events`, payload: JSON.stringify(diagnosis), headers: { ...json, ...recorder } })).statusCode).toBe(201);
    const bad = { ...enrol, data: { ...enrol.data, identifiers: { name: NAME, shoeSize: 42 } } };
    expect((await app.inject({ method: 'POST', url: '/patients/ERASE-2/events', payload: JSON.stringify(bad), headers: { ...json, ...recorder } })).json()).toMatchObject({ status: 400, code: 'INVALID_IDENTIFIERS' });

    const timeline = async () => (await app.inject({ method: 'GET', url: `/patients/${P}/timeline`, headers: recorder })).json<{ entries: { type: string; current: { identifiers?: unknown; ageAtEnrolmentYears?: number } }[] }>();
    await waitFor(async () => (await timeline()).entries?.length === 2);
    const enrolment = (await timeline()).entries.find((e) => e.type === 'PatientEnrolled');
    expect(enrolment?.current).toMatchObject({ identifiers: { name: NAME, hospitalRecordNumber: HRN, birthDate: BIRTH }, ageAtEnrolmentYears: 13.1 });
    const stored = await rawTables(url);
    for (const secret of [NAME, HRN, BIRTH]) expect(stored).not.toContain(secret);
    const [events] = [(await app.inject({ method: 'GET', url: `/patients/${P}/events`, headers: recorder })).json<{ data: { identifiers?: { sealed: string } } }[]>()];
    expect(events[0]?.data.identifiers?.sealed).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    expect((await app.inject({ method: 'POST', url: `/patients/${P}/erasure`, payload: JSON.stringify({ reason: 'request 2026-117' }), headers: { ...json, ...recorder } })).statusCode).toBe(403);
    const erased = await app.inject({ method: 'POST', url: `/patients/${P}/erasure`, payload: JSON.stringify({ reason: 'request 2026-117' }), headers: { ...json, ...manager } });
    expect(erased.json()).toEqual({ patientId: P, erased: true, hadIdentifiers: true });

    expect((await timeline()).entries.find((e) => e.type === 'PatientEnrolled')?.current.identifiers).toEqual({ erased: true });
    expect((await timeline()).entries).toHaveLength(2); // the clinical facts stay
    const after = await rawTables(url);
    for (const secret of [NAME, HRN, BIRTH]) expect(after).not.toContain(secret);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const keys = await client.query<{ wrapped: string | null; erased_at: Date | null }>('select wrapped, erased_at from patient_keys where patient_id = $1', [P]);
    await client.end();
    expect(keys.rows).toEqual([{ wrapped: null, erased_at: expect.any(Date) }]);
    const again = { type: 'EventCorrected', data: { targetEventId: (await app.inject({ method: 'GET', url: `/patients/${P}/events`, headers: manager })).json<{ metadata: { eventId: string } }[]>()[0]?.metadata.eventId, reason: 'restore', correctedData: enrol.data } };
    expect((await app.inject({ method: 'POST', url: `/patients/${P}/events`, payload: JSON.stringify(again), headers: { ...json, ...manager } })).json()).toMatchObject({ status: 422, code: 'PATIENT_ERASED' });
    expect((await app.inject({ method: 'POST', url: `/patients/${P}/events`, payload: JSON.stringify({ type: 'LabMeasured', data: { occurredOn: '2024-06-01', analyte: 'IL-6', specimen: 'PB', value: 5, unit: 'pg/mL' } }), headers: { ...json, ...recorder } })).statusCode).toBe(201);
  });
});

import { parquetReadObjects } from 'hyparquet';
import { startApi, type HttpClient } from './support/test-app.js';

/** Events -> projection -> dataset -> estimate, over HTTP, on the seed 000 reconstruction. */
const STUDY = 'ChiCTR2100041852';

interface Estimates {
  n: number;
  events: number;
  groups: { group: string; atTimes: { time: number; surv: number; nRisk: number }[]; median: { median: number | null } }[];
  logRank?: { chiSquare: number; df: number; pValue: number };
}

describe('survival over HTTP', () => {
  let app: HttpClient;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ app, stop } = await startApi('embedded', { SEED_ON_EMPTY: 'true' }));
  });
  afterAll(async () => stop());
  const get = async <T>(url: string) => (await app.inject({ method: 'GET', url })).json<T>();

  it('gives EFS 24/35 at 12 months and 18/35 at 24 months, exactly, and OS 100%, for seed 000', async () => {
    const efs = await get<Estimates>(`/survival/EFS/estimates?study=${STUDY}&times=12,24`);
    expect(efs).toMatchObject({ n: 8, events: 4 });
    const [at12, at24] = efs.groups[0]?.atTimes ?? [];
    expect(Math.abs((at12?.surv ?? 0) - 24 / 35)).toBeLessThan(1e-12);
    expect(Math.abs((at24?.surv ?? 0) - 18 / 35)).toBeLessThan(1e-12);
    // R's summary(fit, times = 24): at risk at the first curve time from 24 months on (S002, S003)
    expect(at24?.nRisk).toBe(2);
    const os = await get<Estimates>(`/survival/OS/estimates?study=${STUDY}&times=12,24`);
    expect(os).toMatchObject({ n: 8, events: 0 });
    expect(os.groups[0]?.atTimes.map((a) => a.surv)).toEqual([1, 1]);
    expect(os.groups[0]?.median.median).toBeNull();
  });

  it('serves the ADTTE dataset as JSON, CSV and Parquet, each row traced to the fact that decided it', async () => {
    const json = await get<{ rows: { USUBJID: string; AVAL: number; CNSR: number; EVNTDESC: string; eventId: string; SRCDOM: string; EMSITE: string }[] }>(`/survival/EFS/dataset?study=${STUDY}`);
    expect(json.rows).toHaveLength(8);
    const s001 = json.rows.find((r) => r.USUBJID === 'seed000-S001');
    expect(s001).toMatchObject({ AVAL: 196, CNSR: 0, EVNTDESC: 'BRIDGING TO HSCT', SRCDOM: 'HsctPerformed' });
    const events = (await app.inject({ method: 'GET', url: '/patients/seed000-S001/events' })).json<{ metadata: { eventId: string }; type: string }[]>();
    expect(events.find((e) => e.metadata.eventId === s001?.eventId)?.type).toBe('HsctPerformed');
    expect(new Set(json.rows.map((r) => r.EMSITE))).toEqual(new Set(['CNS', 'testis', 'subcutaneous', 'CNS+testis']));

    const csv = await app.inject({ method: 'GET', url: `/survival/EFS/dataset?study=${STUDY}&format=csv` });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]?.startsWith('STUDYID,USUBJID,PARAMCD,PARAM,STARTDT,STARTDTF,ADT,ADTF,AVAL,AVALU,months,CNSR,EVNTDESC,CNSDTDSC,SRCDOM,SRCVAR,SRCSEQ')).toBe(true);
    expect(lines).toHaveLength(9);

    const parquet = await fetchBytes(app, `/survival/OS/dataset?study=${STUDY}&format=parquet`);
    const rows = await parquetReadObjects({ file: parquet.buffer.slice(parquet.byteOffset, parquet.byteOffset + parquet.byteLength) as ArrayBuffer });
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r['CNSR'])).toEqual(Array(8).fill(1));
  });

  it('compares groups with a log-rank test', async () => {
    const byAge = await get<Estimates>(`/survival/EFS/estimates?study=${STUDY}&groupBy=AGEGR1`);
    expect(byAge.groups.map((g) => g.group).sort()).toEqual(['10-17', '<10']);
    expect(byAge.logRank?.df).toBe(1);
    expect(byAge.logRank?.pValue).toBeGreaterThan(0);
  });

  it('says which field of a custom endpoint definition is wrong, and accepts a good one', async () => {
    const bad = await app.inject({ method: 'POST', url: '/survival/estimates', payload: JSON.stringify({ paramcd: 'X', param: 'x', origin: 'first_infusion', events: [{ name: 'e', select: { type: 'Relapsed' }, evntdesc: 'R', srcdom: 'R', srcvar: 'occurredOn' }], censors: ['lastcontact_censor'] }), headers: { 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INVALID_ENDPOINT_DEFINITION' });
    expect(bad.body).toContain('events.0');
    const good = await app.inject({ method: 'POST', url: `/survival/estimates?study=${STUDY}&times=12`, payload: JSON.stringify({ paramcd: 'RLPS', param: 'Time to relapse', origin: 'first_infusion', events: ['relapse_event'], censors: ['lastcontact_censor'] }), headers: { 'content-type': 'application/json' } });
    expect(good.statusCode).toBe(200);
    expect(good.json<Estimates>()).toMatchObject({ n: 8, events: 3 });
  });

  it('answers an unknown endpoint and a bad parameter clearly', async () => {
    expect(await get('/survival/PFS/estimates')).toMatchObject({ status: 404, code: 'UNKNOWN_ENDPOINT' });
    expect(await get('/survival/EFS/estimates?unit=weeks')).toMatchObject({ status: 400, field: 'unit' });
    expect(await get('/survival/EFS/dataset?format=xlsx')).toMatchObject({ status: 400, field: 'format' });
  });
});

async function fetchBytes(app: HttpClient, url: string): Promise<Uint8Array> {
  const res = await app.inject({ method: 'GET', url });
  expect(res.headers['content-type']).toContain('parquet');
  return res.raw;
}

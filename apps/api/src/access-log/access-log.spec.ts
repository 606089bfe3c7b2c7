import { openStorage, type SqlClient } from '@app/event-store';
import { ACCESS_LOG_SCHEMA, accessLogGaps, appendAccessLog, queryAccessLog, type AccessLogEntry } from './access-log-store.js';
import { AccessLog } from './access-log.service.js';

const entry = (seq: number, writer = 'api-1'): AccessLogEntry => ({
  writer,
  seq,
  at: new Date(Date.UTC(2026, 10, 22, 3, 0, seq)).toISOString(),
  subject: 'dr-a',
  roles: ['recorder'],
  via: 'token',
  action: 'timeline',
  patientId: 'P1',
  path: '/patients/P1/timeline',
  status: 200,
  ip: '10.0.0.1',
  correlationId: `c-${seq}`,
});

describe('the access log', () => {
  let sql: SqlClient;
  beforeEach(async () => {
    sql = (await openStorage({ kind: 'embedded' })).sql;
    await sql.execInTransaction(ACCESS_LOG_SCHEMA);
  });
  afterEach(() => sql.close());

  it('keeps each entry once, in order, filtered and paged', async () => {
    await appendAccessLog(sql, [entry(1), entry(2), entry(3)]);
    await appendAccessLog(sql, [entry(3)]); // a retried batch records nothing twice
    const page = await queryAccessLog(sql, { limit: 2 });
    expect(page.items.map((i) => i.seq)).toEqual([1, 2]);
    expect((await queryAccessLog(sql, { limit: 2, after: page.next })).items.map((i) => i.correlationId)).toEqual(['c-3']);
    expect((await queryAccessLog(sql, { limit: 10, subject: 'someone-else' })).items).toEqual([]);
  });

  it('shows entries that never arrived as gaps in a writer’s numbering', async () => {
    await appendAccessLog(sql, [entry(1), entry(2), entry(5), entry(1, 'api-2'), entry(2, 'api-2')]);
    expect(await accessLogGaps(sql)).toEqual([{ writer: 'api-1', missing: 2, firstMissing: 3 }]);
  });

  it('never blocks a read on the database: entries wait while it refuses, and are written once it answers', async () => {
    let down = true;
    const flaky: SqlClient = Object.assign(Object.create(sql) as SqlClient, {
      query: (text: string, params?: readonly unknown[]) => (down ? Promise.reject(new Error('connection refused')) : sql.query(text, params)),
    });
    const log = new AccessLog(flaky);
    log.record({ ...entry(0), patientId: 'P9' });
    log.record({ ...entry(0), patientId: 'P9' });
    await log.flush();
    expect(log.status()).toMatchObject({ pending: 2, dropped: 0, lastError: 'connection refused' });
    down = false;
    await log.flush();
    expect(log.status()).toMatchObject({ status: 'ok', pending: 0 });
    expect((await queryAccessLog(sql, { limit: 10, patientId: 'P9' })).items.map((i) => i.seq)).toEqual([1, 2]);
  });

  it('drops the oldest entries only past its bound, and then reports itself degraded', () => {
    const log = new AccessLog(sql);
    for (let i = 0; i < 100_005; i++) log.record(entry(0));
    expect(log.status()).toMatchObject({ status: 'degraded', dropped: 5, pending: 100_000 });
  });
});

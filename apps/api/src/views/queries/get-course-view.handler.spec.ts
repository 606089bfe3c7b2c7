import { Logger, type LoggerService } from '@nestjs/common';
import { openStorage, type EventStore, type SqlClient, type Storage } from '@app/event-store';
import { courseViewsAt, migrateViews, parsePointInTime } from '@app/projections';
import { fromStored, importFacts } from '@app/recording';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GetCourseViewHandler } from './get-course-view.handler.js';
import { GetCourseViewQuery } from './get-course-view.query.js';

const seed001 = readFileSync(new URL('../../../../../test/fixtures/seed-001.ndjson', import.meta.url), 'utf8').split('\n');
const PATIENT = 'seed001-P01';

describe('reading a course view when the stored views cannot be read', () => {
  let storage: Storage;
  let store: EventStore;
  let sql: SqlClient;
  const warnings: unknown[][] = [];
  const capture: LoggerService = { log: () => undefined, error: () => undefined, warn: (...args: unknown[]) => warnings.push(args) };

  beforeAll(async () => {
    storage = await openStorage({ kind: 'embedded' });
    ({ store, sql } = storage);
    await migrateViews(sql);
    await importFacts({ store, clock: () => new Date(), newId: randomUUID }, seed001, { recordedBy: 'test', source: 'seed-001' });
    Logger.overrideLogger(capture);
  });
  afterAll(async () => {
    Logger.overrideLogger(false);
    await store.close();
  });

  it('given a database that refuses the read, answers from the events, and says why once', async () => {
    const refusing: SqlClient = Object.assign(Object.create(sql) as SqlClient, { queryBytes: () => Promise.reject(new Error('connection refused')) });
    const handler = new GetCourseViewHandler({ ...storage, views: refusing });
    const present = parsePointInTime(undefined, undefined);
    const expected = courseViewsAt(PATIENT, (await store.readStream(`patient-${PATIENT}`)).map(fromStored), present).timeline;

    for (let i = 0; i < 2; i++) {
      const answer = await handler.execute(new GetCourseViewQuery(PATIENT, 'timeline', present));
      expect(answer.packed).toBe(false);
      expect(JSON.parse(answer.body.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(answer.maySealIdentifiers).toBe(true); // not read from a views row: searched
    }
    const said = warnings.filter((w) => JSON.stringify(w).includes('stored views could not be read'));
    expect(said).toHaveLength(1);
    expect(JSON.stringify(said[0])).toContain('connection refused');
  });
});

import { openStorage, type EventStore, type SqlClient, type SqlExecutor, type StoredEvent } from '@app/event-store';
import { fromStored, importFacts, patientIdOf } from '@app/recording';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { storedDocument, storedDocuments } from '../../../../test/support/stored-documents.js';
import { generateCohort } from '../../../../test/support/synthetic-cohort.js';
import { standing, type CourseRecord } from '../course-record.js';
import { ProjectionRunner } from './projection-runner.js';

// `kinds` changes only when a course gets a fact of a new kind: most batches leave it as it was
// written, and the live runner writes only the views that changed.
const summary = (record: CourseRecord) => ({
  facts: standing(record).length,
  types: standing(record).map((f) => f.type),
  kinds: [...new Set(standing(record).map((f) => f.type))].sort(),
});
// A restarted projector keeps its name, so it takes its partitions' leases back at once.
/** `ahead`: views derived before their transaction, which checks the leases, or holds every partition alone (`exclusive`, as on PGlite). */
const runnerOn = (store: EventStore, sql: SqlClient, derive: (record: CourseRecord) => object = summary, partitions = 3, factsPerSlice?: number, ahead?: 'leases' | 'exclusive') =>
  new ProjectionRunner({
    name: 'course-views',
    store,
    sql,
    read: fromStored,
    patientOf: patientIdOf,
    derive,
    batchMs: 10,
    partitions,
    owner: 'projector-1',
    deriveAhead: ahead !== undefined,
    exclusive: ahead === 'exclusive',
    ...(factsPerSlice && { factsPerSlice }),
  });
/** A runner whose code cannot read one stored event (an upcaster missing, say). */
const runnerFailingOn = (store: EventStore, sql: SqlClient, eventId: string, message: string) =>
  new ProjectionRunner({
    name: 'course-views',
    store,
    sql,
    patientOf: patientIdOf,
    derive: summary,
    batchMs: 10,
    partitions: 3,
    owner: 'projector-1',
    read: (e: StoredEvent) => {
      if (e.eventId === eventId) throw new Error(message);
      return fromStored(e);
    },
  });
const ctx = (store: EventStore) => ({ store, clock: () => new Date('2026-01-01T00:00:00Z'), newId: randomUUID });
const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../../test/fixtures', name), 'utf8').split('\n');

async function snapshot(sql: SqlExecutor) {
  const views = await sql.query('select patient_id, revision, position, site_id, error from course_views order by patient_id');
  const documents = await storedDocuments(sql, 'course_view_documents');
  const audit = await sql.query('select * from audit_entries order by position');
  const checkpoint = await sql.query('select position from projection_checkpoints');
  return { views, documents, audit, checkpoint };
}

describe('the projection runner', () => {
  it('catches up from its checkpoint, then follows live appends, committing views, audit and checkpoint together', async () => {
    const { store, sql } = await openStorage({ kind: 'embedded', pollIntervalMs: 20 });
    try {
      await importFacts(ctx(store), fixture('seed-000.ndjson'), { recordedBy: 'test', source: 'seed-000' });
      const runner = runnerOn(store, sql);
      await runner.start();
      await runner.caughtUp();
      expect((await sql.query('select count(*)::int as n from course_views'))[0]).toEqual({ n: 8 });
      await importFacts(ctx(store), fixture('seed-001.ndjson'), { recordedBy: 'test', source: 'seed-001' });
      await runner.caughtUp();
      const status = await runner.status();
      expect(status).toMatchObject({ eventsBehind: 0, failedPatients: 0, running: true });
      expect(status.position).toBe(await store.headPosition());
      const audit = await sql.query<{ n: number }>('select count(*)::int as n from audit_entries');
      expect(audit[0]?.n).toBe(await store.headPosition());
      await runner.stop();
    } finally {
      await store.close();
    }
  });

  it('stops only the patient whose event it cannot apply, names the event, and goes on with the others', async () => {
    const { store, sql } = await openStorage({ kind: 'embedded' });
    try {
      await importFacts(ctx(store), fixture('seed-000.ndjson'), { recordedBy: 'test', source: 'seed-000' });
      const broken = (await store.readStream('patient-seed000-S003'))[4] as StoredEvent;
      const runner = runnerFailingOn(store, sql, broken.eventId, 'no upcaster for LabMeasured v7');
      await runner.apply(await store.readAll({ limit: 10_000 }));
      const status = await runner.status();
      expect(status.failedPatients).toBe(1);
      expect(status.failures).toEqual([{ patientId: 'seed000-S003', eventId: broken.eventId, position: broken.position, type: broken.type, message: 'no upcaster for LabMeasured v7' }]);
      const rows = await sql.query<{ patient_id: string; revision: number }>('select patient_id, revision::int from course_views order by patient_id');
      expect(rows.find((r) => r.patient_id === 'seed000-S003')?.revision).toBe(broken.revision - 1);
      expect(rows.filter((r) => r.patient_id !== 'seed000-S003').every((r) => r.revision > 10)).toBe(true);

      // Later facts: S003's wait behind its failure (its row keeps its site), S001's are applied.
      const sitesBefore = await sql.query('select patient_id, site_id from course_views order by patient_id');
      const head = await store.headPosition();
      const later = () => ({ eventId: randomUUID(), type: 'LastContactRecorded', data: { occurredOn: '2020-01-01', status: 'alive' }, metadata: { recordedBy: 'test', schemaVersion: 1 } });
      for (const p of ['seed000-S003', 'seed000-S001']) await store.append({ streamId: `patient-${p}`, expectedRevision: 'any', events: [later()] });
      await runner.apply(await store.readAll({ after: head }));
      expect(await sql.query('select patient_id, site_id from course_views order by patient_id')).toEqual(sitesBefore);
      const after = await sql.query<{ patient_id: string; revision: number }>("select patient_id, revision::int from course_views where patient_id in ('seed000-S001', 'seed000-S003') order by patient_id");
      expect(after).toEqual([
        { patient_id: 'seed000-S001', revision: (rows.find((r) => r.patient_id === 'seed000-S001')?.revision ?? 0) + 1 },
        { patient_id: 'seed000-S003', revision: broken.revision - 1 },
      ]);
      expect((await runner.status()).failures.map((f) => f.eventId)).toEqual([broken.eventId]);
      expect(await storedDocument(sql, 'course_view_documents', 'seed000-S001', 'types')).toContain('LastContactRecorded');
    } finally {
      await store.close();
    }
  });

  it('refolds a course from the store for its next fact, and stops it at an applied event that no longer reads', async () => {
    const { store, sql } = await openStorage({ kind: 'embedded' });
    try {
      await importFacts(ctx(store), fixture('seed-000.ndjson'), { recordedBy: 'test', source: 'seed-000' });
      await runnerOn(store, sql).apply(await store.readAll({ limit: 10_000 }));
      const applied = (await store.readStream('patient-seed000-S002'))[3] as StoredEvent;
      const head = await store.headPosition();
      await store.append({ streamId: 'patient-seed000-S002', expectedRevision: 'any', events: [{ eventId: randomUUID(), type: 'LastContactRecorded', data: { occurredOn: '2020-01-01', status: 'alive' }, metadata: { recordedBy: 'test', schemaVersion: 1 } }] });
      const upgraded = runnerFailingOn(store, sql, applied.eventId, 'no upcaster for this version any more');
      await upgraded.apply(await store.readAll({ after: head }));
      expect((await upgraded.status()).failures).toEqual([{ patientId: 'seed000-S002', eventId: applied.eventId, position: applied.position, type: applied.type, message: 'no upcaster for this version any more' }]);
    } finally {
      await store.close();
    }
  });

  it('projects events stored under an older schema version with the current code (upcasting on read)', async () => {
    const { store, sql } = await openStorage({ kind: 'embedded' });
    try {
      const meta = (eventId: string, schemaVersion: number) => ({ eventId, patientId: 'V1', schemaVersion, recordedAt: '2021-01-01T00:00:00.000Z', recordedBy: 'legacy' });
      const enrolled = randomUUID();
      const assessed = randomUUID();
      await store.append({
        streamId: 'patient-V1',
        expectedRevision: 'no-stream',
        events: [
          { eventId: enrolled, type: 'PatientEnrolled', data: { occurredOn: '2020-01-01', studyId: 'S', siteId: 'A', subjectId: 'V1', sex: 'female' }, metadata: meta(enrolled, 1) },
          // ResponseAssessed v1: MRD without the technique that v2 records.
          { eventId: assessed, type: 'ResponseAssessed', data: { occurredOn: '2020-03-01', scope: 'overall', method: ['morphology', 'flow-mrd'], sites: [], result: 'CR', mrd: { value: 0.005, unit: '%' } }, metadata: meta(assessed, 1) },
        ],
      });
      const factData = (record: CourseRecord) => ({ data: record.facts.map((f) => f.data) });
      await runnerOn(store, sql, factData).apply(await store.readAll());
      const data = await storedDocument<object[]>(sql, 'course_view_documents', 'V1', 'data');
      expect(data?.[1]).toMatchObject({ mrd: { value: 0.005, unit: '%', technique: 'flow' } });
    } finally {
      await store.close();
    }
  });

  it('does not trust a record it remembers once another process has moved that course on', async () => {
    const lines = [...generateCohort({ patients: 3, seed: 5 })].map((l) => JSON.stringify(l));
    const { store, sql } = await openStorage({ kind: 'embedded' });
    const single = await openStorage({ kind: 'embedded' });
    try {
      await importFacts(ctx(store), lines, { recordedBy: 'gen', source: 'cohort' });
      const all = await store.readAll({ limit: 100_000 });
      await runnerOn(store, single.sql).apply(all);
      // Two processes in turn (as after a lease handover): each remembers the records it wrote.
      const [first, second] = [runnerOn(store, sql), runnerOn(store, sql)];
      for (let i = 0, turn = 0; i < all.length; i += 7, turn++) await (turn % 2 === 0 ? first : second).apply(all.slice(i, i + 7));
      expect(await snapshot(sql)).toEqual(await snapshot(single.sql));
    } finally {
      await store.close();
      await single.sql.close();
    }
  });

  it.each(['leases', 'exclusive'] as const)('derives a batch again in its transaction when another batch committed while it derived ahead (%s)', async (ahead) => {
    const lines = [...generateCohort({ patients: 3, seed: 7 })].map((l) => JSON.stringify(l));
    const { store, sql } = await openStorage({ kind: 'embedded' });
    const single = await openStorage({ kind: 'embedded' });
    try {
      await importFacts(ctx(store), lines, { recordedBy: 'gen', source: 'cohort' });
      const all = await store.readAll({ limit: 100_000 });
      await runnerOn(store, single.sql).apply(all);
      const [early, middle, late] = [all.slice(0, 20), all.slice(20, 40), all.slice(40)];
      // Another process (as after a lease handover) commits the middle batch once this runner has
      // read the view states it derives the late batch from, and before its transaction.
      const other = runnerOn(store, sql);
      let armed = false;
      let interposed = false;
      const racing: SqlClient = Object.assign(Object.create(sql) as SqlClient, {
        query: async <Row>(q: string, p?: readonly unknown[]): Promise<Row[]> => {
          const rows = await sql.query<Row>(q, p);
          if (armed && !interposed && /from course_views where patient_id/.test(q)) {
            interposed = true;
            await other.apply(middle);
          }
          return rows;
        },
      });
      const runner = runnerOn(store, racing, summary, 3, 5, ahead);
      await runner.apply(early);
      armed = true;
      await runner.apply(late);
      expect(interposed).toBe(true);
      expect(await snapshot(sql)).toEqual(await snapshot(single.sql));
    } finally {
      await store.close();
      await single.sql.close();
    }
  });

  it('builds the same views incrementally, in any batches and slices, across crashes, as in one full rebuild', async () => {
    const lines = [...generateCohort({ patients: 6, seed: 3 })].map((l) => JSON.stringify(l));
    const { store, sql: rebuildSql } = await openStorage({ kind: 'embedded' });
    try {
      await importFacts(ctx(store), lines, { recordedBy: 'gen', source: 'cohort' });
      const all = await store.readAll({ limit: 100_000 });
      await runnerOn(store, rebuildSql).apply(all);
      const rebuilt = await snapshot(rebuildSql);

      await fc.assert(
        // Slices (as the API's runner takes) of 1 to 300 facts, or whole batches, written as they go
        // or derived ahead of the transaction (PGlite beside requests); a crash may fall between slices.
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 30 }), fc.nat({ max: 200 }), fc.option(fc.integer({ min: 1, max: 300 })), fc.constantFrom(undefined, 'leases' as const, 'exclusive' as const), async (sizes, crashAt, slice, ahead) => {
          const target = await openStorage({ kind: 'embedded' });
          try {
            let steps = 0;
            // A database that fails once, at a random statement of a random batch, as a crash would.
            const crashing: SqlClient = Object.assign(Object.create(target.sql) as SqlClient, {
              transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) =>
                target.sql.transaction((tx) => work({ query: async (q: string, p?: readonly unknown[]) => (++steps === crashAt ? Promise.reject(new Error('crash')) : tx.query(q, p)) } as SqlExecutor)),
            });
            const runner = runnerOn(store, crashing, summary, 3, slice ?? undefined, ahead);
            await runner.apply([]);
            let offset = 0;
            for (let i = 0; offset < all.length; i++) {
              const size = sizes[i % sizes.length] as number;
              const batch = all.slice(offset, offset + size);
              try {
                await runner.apply(batch);
                offset += size;
              } catch {
                // restart: a fresh runner resumes from the committed checkpoint, and may redeliver
                const again = runnerOn(store, target.sql, summary, 3, slice ?? undefined, ahead);
                await again.apply(all.slice(Math.max(0, offset - 5), offset + size));
                offset += size;
              }
            }
            expect(await snapshot(target.sql)).toEqual(rebuilt);
          } finally {
            await target.sql.close();
          }
        }),
        { numRuns: 8 },
      );
    } finally {
      await store.close();
    }
  });
});

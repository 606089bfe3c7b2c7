import { openStorage, type EventStore, type SqlClient, type SqlExecutor } from '@app/event-store';
import { fromStored, importFacts, patientIdOf } from '@app/recording';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { storedDocuments } from '../../../../test/support/stored-documents.js';
import { generateCohort } from '../../../../test/support/synthetic-cohort.js';
import { standing, type CourseRecord } from '../course-record.js';
import { activeTables, tablesOf, type ViewTables } from '../store/generations.js';
import { ProjectionRunner } from './projection-runner.js';
import { rebuildProjection, type RebuildProgress } from './rebuild.js';

const summary = (record: CourseRecord) => ({ facts: standing(record).length, last: record.revision });
const projector = (store: EventStore, sql: SqlClient) => ({ name: 'course-views', store, sql, read: fromStored, patientOf: patientIdOf, derive: summary, batchMs: 10 });
const ctx = (store: EventStore) => ({ store, clock: () => new Date('2026-01-01T00:00:00Z'), newId: randomUUID });
const cohort = (seed: number, patients: number) => [...generateCohort({ patients, seed })].map((l) => JSON.stringify(l));

async function snapshot(db: SqlExecutor, t: ViewTables) {
  return {
    views: await db.query(`select patient_id, revision, position, site_id, error from ${t.views} order by patient_id`),
    documents: await storedDocuments(db, t.documents),
    audit: await db.query(`select * from ${t.audit} order by position`),
  };
}

/** What a single runner projects from the same log into an empty database. */
async function freshProjection(store: EventStore) {
  const { sql } = await openStorage({ kind: 'embedded' });
  try {
    await new ProjectionRunner(projector(store, sql)).apply(await store.readAll({ limit: 1_000_000 }));
    return await snapshot(sql, await activeTables(sql, 'course-views'));
  } finally {
    await sql.close();
  }
}

describe('rebuilding a projection', () => {
  it('replays into fresh tables while the old ones serve and live appends go on, then switches over', async () => {
    const { store, sql } = await openStorage({ kind: 'embedded', pollIntervalMs: 20 });
    try {
      await importFacts(ctx(store), cohort(1, 6), { recordedBy: 'gen', source: 'a' });
      const live = new ProjectionRunner(projector(store, sql));
      await live.start();
      await live.caughtUp();
      const served: number[] = [];
      const later = cohort(2, 3);
      const outcome = await rebuildProjection({
        ...projector(store, sql),
        pageSize: 100,
        onProgress: async () => {
          served.push((await activeTables(sql, 'course-views')).generation);
          const next = later.shift();
          if (next) await importFacts(ctx(store), [next], { recordedBy: 'gen', source: 'b' });
        },
      });
      expect(outcome).toMatchObject({ generation: 2, resumed: false });
      expect(new Set(served)).toEqual(new Set([1]));
      for (const line of later) await importFacts(ctx(store), [line], { recordedBy: 'gen', source: 'c' });
      await live.caughtUp();
      const active = await activeTables(sql, 'course-views');
      expect(active.generation).toBe(2);
      expect(await snapshot(sql, active)).toEqual(await freshProjection(store));
      expect((await live.status()).generation).toBe(2);
      await live.stop();
    } finally {
      await store.close();
    }
  });

  it('resumes an interrupted rebuild where it stopped, with the partitions its pass began with, replaying only what it had not committed', async () => {
    const { store, sql } = await openStorage({ kind: 'embedded' });
    try {
      await importFacts(ctx(store), cohort(3, 4), { recordedBy: 'gen', source: 'a' });
      await new ProjectionRunner(projector(store, sql)).apply(await store.readAll({ limit: 100_000 }));
      let chunks = 0;
      await expect(
        rebuildProjection({
          ...projector(store, sql),
          pageSize: 50,
          passPartitions: 2,
          onProgress: () => {
            if (++chunks === 3) throw new Error('interrupted');
          },
        }),
      ).rejects.toThrow('interrupted');
      expect((await activeTables(sql, 'course-views')).generation).toBe(1);
      const [committed] = await sql.query<{ n: number }>('select count(*)::int as n from audit_entries_g2');
      expect(committed?.n).toBeGreaterThan(0);
      const progress: RebuildProgress[] = [];
      const resumed = await rebuildProjection({ ...projector(store, sql), pageSize: 50, passPartitions: 1, onProgress: (p) => progress.push(p) });
      expect(resumed).toMatchObject({ generation: 2, resumed: true });
      expect(resumed.applied).toBe((await store.headPosition()) - (committed?.n ?? 0));
      expect(progress.at(-1)).toEqual({ applied: await store.headPosition(), appliedNow: resumed.applied, total: await store.headPosition() });
      expect(await snapshot(sql, await activeTables(sql, 'course-views'))).toEqual(await freshProjection(store));
    } finally {
      await store.close();
    }
  });

  it('rebuilds the same views as the live runner built, however the courses interleave in the log and the pass is partitioned, across a crash', async () => {
    const courses = [...generateCohort({ patients: 4, seed: 11 })].reduce((byPatient, line) => byPatient.set(line.patientId, [...(byPatient.get(line.patientId) ?? []), JSON.stringify(line)]), new Map<string, string[]>());
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 400 }), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 3 }), fc.nat({ max: 60 }), async (picks, pageSize, passPartitions, crashAt) => {
        const { store, sql } = await openStorage({ kind: 'embedded' });
        try {
          // The order the facts were recorded in: each course's own order, interleaved at random.
          const queues = [...courses.values()].map((lines) => [...lines]);
          const log: string[] = [];
          for (let i = 0; queues.some((q) => q.length > 0); i++) {
            const open = queues.filter((q) => q.length > 0);
            log.push((open[(picks[i] ?? i) % open.length] as string[]).shift() as string);
          }
          await importFacts(ctx(store), log, { recordedBy: 'gen', source: 'shuffled' });
          await new ProjectionRunner(projector(store, sql)).apply(await store.readAll({ limit: 100_000 }));
          const live = await snapshot(sql, tablesOf('course-views', 1));
          let steps = 0;
          const crashing: SqlClient = Object.assign(Object.create(sql) as SqlClient, {
            transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) =>
              sql.transaction((tx) => work({ query: async (q: string, p?: readonly unknown[]) => (++steps === crashAt ? Promise.reject(new Error('crash')) : tx.query(q, p)) } as SqlExecutor)),
          });
          await rebuildProjection({ ...projector(store, crashing), pageSize, passPartitions }).catch(() => undefined);
          await rebuildProjection({ ...projector(store, sql), pageSize, passPartitions });
          const active = await activeTables(sql, 'course-views');
          expect(active.generation).toBeGreaterThan(1);
          expect(await snapshot(sql, active)).toEqual(live);
        } finally {
          await store.close();
        }
      }),
      { numRuns: 6 },
    );
  });
});

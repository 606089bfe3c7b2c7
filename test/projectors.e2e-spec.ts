import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { openStorage, type EventStore, type SqlClient } from '@app/event-store';
import { COURSE_VIEWS_PROJECTION, courseViewsProjector, leaseHolders, migrateViews, ProjectionRunner, rebuildProjection } from '@app/projections';
import { importFacts } from '@app/recording';
import { freshDatabase } from './support/fresh-database.js';
import { storedDocuments } from './support/stored-documents.js';
import { generateCohort } from './support/synthetic-cohort.js';

/**
 * Three apps/projector processes share the course views over PostgreSQL while facts keep being
 * recorded; one is killed (SIGKILL, no goodbye) half-way. The survivors take over its partitions,
 * and the views end up equal to a fresh single-process rebuild, and to the CLI's rebuild in worker
 * threads: nothing applied twice, nothing left out.
 */
const ROOT = resolve(import.meta.dirname, '..');
const PARTITIONS = 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function startProjector(url: string, name: string): { child: ChildProcess; output: () => string; exited: Promise<number | string | null> } {
  let out = '';
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/projector/src/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', EVENT_STORE: 'postgres', DATABASE_URL: url, SUBSCRIPTION_POLL_MS: '50', PROJECTION_PARTITIONS: String(PARTITIONS), PROJECTION_LEASE_MS: '1500', PROJECTOR_NAME: name },
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string | null>((ok) => child.on('exit', (code, signal) => ok(code ?? signal)));
  return { child, output: () => out, exited };
}

const viewRows = async (sql: SqlClient, suffix: string) => ({
  rows: await sql.query(`select patient_id, revision, position, site_id, error from course_views${suffix} order by patient_id`),
  documents: await storedDocuments(sql, `course_view_documents${suffix}`),
});
const auditRows = (sql: SqlClient, table: string) => sql.query(`select * from ${table} order by position`);

describe('three projector processes over PostgreSQL', () => {
  it('share the partitions, survive one being killed mid-way, and end equal to a rebuild in one process and one in worker threads', async () => {
    const db = await freshDatabase();
    const { store, sql } = await openStorage({ kind: 'postgres', url: db.url, poolSize: 4 });
    await migrateViews(sql);
    const projectors = ['projector-a', 'projector-b', 'projector-c'].map((name) => ({ name, ...startProjector(db.url, name) }));
    const [victim, ...survivors] = projectors as [(typeof projectors)[number], ...(typeof projectors)[number][]];
    try {
      const lines = [...generateCohort({ patients: 80, seed: 11 })].map((l) => JSON.stringify(l));
      const chunks = Array.from({ length: 8 }, (_, i) => lines.slice((i * lines.length) / 8, ((i + 1) * lines.length) / 8));
      const ctx = { store, clock: () => new Date(), newId: randomUUID };
      const record = async (chunk: string[]) => {
        const summary = await importFacts(ctx, chunk, { recordedBy: 'e2e', source: 'cohort', batchSize: 100 });
        expect(summary.rejected).toEqual([]);
      };

      // All three are up and each holds a share of the partitions before the kill.
      const spread = await until('the partitions to be spread over three processes', async () => {
        const holders = await leaseHolders(sql, COURSE_VIEWS_PROJECTION);
        return new Set(holders.map((h) => h.owner)).size === 3 && holders.length === PARTITIONS ? holders : undefined;
      });
      const victimPartitions = spread.filter((h) => h.owner === victim.name).map((h) => h.partition);
      expect(victimPartitions.length).toBeGreaterThan(0);

      for (const chunk of chunks.slice(0, 4)) await record(chunk);
      await sleep(300); // let the victim be in the middle of its work
      victim.child.kill('SIGKILL');
      expect(await victim.exited).toBe('SIGKILL');
      for (const chunk of chunks.slice(4)) await record(chunk);

      const status = new ProjectionRunner({ ...courseViewsProjector, name: COURSE_VIEWS_PROJECTION, store, sql, partitions: PARTITIONS });
      const head = await store.headPosition();
      expect(head).toBeGreaterThan(5000);
      await until('the survivors to catch up', async () => ((await status.status()).position >= head ? true : undefined));
      const holders = await leaseHolders(sql, COURSE_VIEWS_PROJECTION);
      expect(holders.map((h) => h.partition)).toEqual(Array.from({ length: PARTITIONS }, (_, i) => i));
      expect(new Set(holders.map((h) => h.owner))).toEqual(new Set(survivors.map((s) => s.name)));

      for (const s of survivors) s.child.kill('SIGTERM');
      for (const s of survivors) expect(await s.exited).toBe(0);
      const live = { views: await viewRows(sql, ''), audit: await auditRows(sql, 'audit_entries') };
      const outcome = await rebuildProjection({ ...courseViewsProjector, name: COURSE_VIEWS_PROJECTION, store, sql });
      expect(outcome).toMatchObject({ generation: 2, resumed: false });
      expect(live.audit).toHaveLength(head);
      expect(await auditRows(sql, 'audit_entries_g2')).toEqual(live.audit);
      expect(await viewRows(sql, '_g2')).toEqual(live.views);

      // The CLI's rebuild, its course pass in three worker threads, each on its own connections.
      const cli = spawnSync(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), 'rebuild', '--workers', '3'], {
        cwd: ROOT,
        env: { PATH: process.env['PATH'] ?? '', EVENT_STORE: 'postgres', DATABASE_URL: db.url },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(cli.stderr).toBe('');
      expect(cli.stdout).toMatch(new RegExp(`rebuilt ${head} events into generation 3 .*now serving it`));
      expect(await auditRows(sql, 'audit_entries_g3')).toEqual(live.audit);
      expect(await viewRows(sql, '_g3')).toEqual(live.views);
    } catch (e) {
      for (const p of projectors) process.stderr.write(`--- ${p.name}\n${p.output().slice(-2000)}\n`);
      throw e;
    } finally {
      for (const p of projectors) p.child.kill('SIGKILL');
      await closeAll(store, sql);
      await db.drop();
    }
  });
});

async function closeAll(store: EventStore, sql: SqlClient): Promise<void> {
  await store.close();
  await sql.close().catch(() => undefined);
}

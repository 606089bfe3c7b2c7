import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PG_SERVER } from './support/fresh-database.js';
import { waitFor } from './support/wait-for.js';

/** The API as `npm start` runs it: the built program in its own process, on a real data directory. */
const ROOT = resolve(import.meta.dirname, '..');
const MAIN = join(ROOT, 'dist/apps/api/src/main.js');

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | string | null> } {
  let out = '';
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...env } });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string | null>((ok) => child.on('exit', (code, signal) => ok(code ?? signal)));
  return { child, output: () => out, exited };
}

/** The local admin token the first start writes under the data directory. */
const adminToken = (dataDir: string): Record<string, string> => ({ authorization: `Bearer ${readFileSync(join(dataDir, 'auth', 'admin.token'), 'utf8').trim()}` });

async function listening(output: () => string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const m = /on (http:\/\/[\d.:]+)/.exec(output());
    if (m?.[1]) return m[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the API did not start:\n${output()}`);
}

describe('npm start', () => {
  it('starts on the embedded store with the seed fixtures loaded, and serves the API docs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tte-start-'));
    const api = start({ DATA_DIR: dataDir, PORT: '3471' });
    try {
      const url = await listening(api.output);
      expect(api.output()).toContain(`A new local admin token was written to ${join(dataDir, 'auth', 'admin.token')}`);
      expect(statSync(join(dataDir, 'auth', 'admin.token')).mode & 0o077).toBe(0);
      expect((await fetch(`${url}/patients?limit=100`)).status).toBe(401);
      const patients = (await (await fetch(`${url}/patients?limit=100`, { headers: adminToken(dataDir) })).json()) as { items: unknown[] };
      expect(patients.items).toHaveLength(9);
      const docs = await fetch(`${url}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger-ui');
      expect((await fetch(`${url}/docs-json`)).status).toBe(200);
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps what was recorded across a restart of the embedded store', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tte-restart-'));
    try {
      for (const round of [1, 2]) {
        const api = start({ DATA_DIR: dataDir, PORT: '3472', SEED_ON_EMPTY: 'false' });
        try {
          const url = await listening(api.output);
          if (round === 1) {
            const body = { type: 'PatientEnrolled', data: { occurredOn: '2021-01-01', studyId: 'S', siteId: 'A', subjectId: 'R1', sex: 'male' } };
            expect((await fetch(`${url}/patients/R1/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...adminToken(dataDir) }, body: JSON.stringify(body) })).status).toBe(201);
          } else {
            // The same key pair and admin token serve after the restart.
            expect(api.output()).toContain('The local admin token is in');
            expect(((await (await fetch(`${url}/patients/R1/events`, { headers: adminToken(dataDir) })).json()) as unknown[]).length).toBe(1);
            // The views' runner, in its own thread beside the database's, follows the log again and serves the views.
            await waitFor(async () => {
              const health = (await (await fetch(`${url}/health`)).json()) as { projections: { running: boolean; position: number; head: number }[] };
              return health.projections[0]?.running === true && health.projections[0].position === health.projections[0].head;
            });
            const timeline = await fetch(`${url}/patients/R1/timeline`, { headers: adminToken(dataDir) });
            expect(timeline.status).toBe(200);
            expect(((await timeline.json()) as { header: { patientId: string } }).header.patientId).toBe('R1');
          }
        } finally {
          api.child.kill('SIGTERM');
        }
        // Nest closes the app (and the store) on SIGTERM, then ends by the same signal.
        expect(await api.exited).toBe('SIGTERM');
        // The events and the views, each in a PGlite of its own.
        expect(readdirSync(dataDir).sort()).toEqual(['auth', 'pglite', 'views']);
        expect(existsSync(join(dataDir, 'views', 'PG_VERSION'))).toBe(true);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('logs each answered request as one JSON line with its correlation id, and no credentials', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tte-log-'));
    const api = start({ DATA_DIR: dataDir, PORT: '3473', SEED_ON_EMPTY: 'false', LOG_LEVEL: 'info' });
    try {
      const url = await listening(api.output);
      expect((await fetch(`${url}/patients/NOBODY/timeline`, { headers: { ...adminToken(dataDir), 'x-correlation-id': 'corr-log-1' } })).status).toBe(404);
      let line: Record<string, unknown> | undefined;
      for (let i = 0; i < 50 && !line; i++) {
        await new Promise((r) => setTimeout(r, 100));
        line = api.output().split('\n').filter((l) => l.includes('corr-log-1')).map((l) => JSON.parse(l) as Record<string, unknown>)[0];
      }
      expect(line).toMatchObject({ level: 30, msg: 'request completed', correlationId: 'corr-log-1', method: 'GET', url: '/patients/NOBODY/timeline', statusCode: 404 });
      expect(api.output()).not.toContain(adminToken(dataDir)['authorization']?.slice(7) ?? 'no token');
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('stops with a message naming the variable when the configuration is wrong', async () => {
    const api = start({ PORT: 'eighty' });
    expect(await api.exited).toBe(1);
    expect(api.output()).toContain('PORT="eighty"');
    expect(api.output()).not.toMatch(/\n\s+at /);
  });

  it('stops with a message naming the address when PostgreSQL cannot be reached', async () => {
    const api = start({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/tte' });
    expect(await api.exited).toBe(1);
    expect(api.output()).toMatch(/database at 127\.0\.0\.1:1\/tte \(DATABASE_URL\) cannot be reached/);
    expect(api.output()).not.toMatch(/\n\s+at /);
  });

  it('stops with a message naming the setting and the address when KurrentDB cannot be reached, or is not configured', async () => {
    const unreachable = start({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false', DATABASE_URL: PG_SERVER });
    expect(await unreachable.exited).toBe(1);
    expect(unreachable.output()).toMatch(/event store at 127\.0\.0\.1:1 \(KURRENTDB_URL\) cannot be reached/);
    expect(unreachable.output()).not.toMatch(/\n\s+at /);
    const unset = start({ EVENT_STORE: 'kurrentdb' });
    expect(await unset.exited).toBe(1);
    expect(unset.output()).toContain('KURRENTDB_URL="": is required when EVENT_STORE=kurrentdb');
    const unknown = start({ EVENT_STORE: 'eventstore' });
    expect(await unknown.exited).toBe(1);
    expect(unknown.output()).toContain('EVENT_STORE="eventstore"');
  });
});

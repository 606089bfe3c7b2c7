import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixtureAuthor } from './support/test-auth.js';
import { freshDatabase, startApi } from './support/test-app.js';

/** The projection worker in its own process keeps the views current for an API that does not project. */
const ROOT = resolve(import.meta.dirname, '..');

describe('apps/projector beside an API with PROJECTIONS=external', () => {
  it('projects what the API records, and stops cleanly on SIGTERM', async () => {
    const db = await freshDatabase();
    const api = await startApi('postgres', { DATABASE_URL: db.url, PROJECTIONS: 'external' });
    let out = '';
    const worker = spawn(process.execPath, [join(ROOT, 'dist/apps/projector/src/main.js')], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', EVENT_STORE: 'postgres', DATABASE_URL: db.url, SUBSCRIPTION_POLL_MS: '50' } });
    worker.stdout.on('data', (d: Buffer) => (out += d.toString()));
    worker.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | string | null>((ok) => worker.on('exit', (code, signal) => ok(code ?? signal)));
    try {
      const fixture = readFileSync(resolve(ROOT, 'test/fixtures/seed-001.ndjson'), 'utf8');
      expect((await api.app.inject({ method: 'POST', url: '/imports', payload: fixture, headers: { 'content-type': 'application/x-ndjson', ...(await fixtureAuthor(fixture)) } })).json()).toMatchObject({ rejected: [] });
      let health: { projections: { eventsBehind: number; mode: string; running: boolean }[] } = { projections: [] };
      for (let i = 0; i < 200; i++) {
        health = (await api.app.inject({ method: 'GET', url: '/health' })).json();
        if (health.projections[0]?.eventsBehind === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(health.projections[0]).toMatchObject({ eventsBehind: 0, mode: 'external', running: false });
      const lines = (await api.app.inject({ method: 'GET', url: '/patients/seed001-P01/lines-of-therapy' })).json<{ lines: unknown[] }>();
      expect(lines.lines).toHaveLength(4);
      expect(out).toContain('projector started');
    } finally {
      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
      await api.stop();
      await db.drop();
    }
  });
});

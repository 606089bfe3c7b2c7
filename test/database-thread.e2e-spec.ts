import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { DatabaseThread, hostModule } from '../libs/event-store/src/postgres/database-thread.js';
import { waitFor } from './support/wait-for.js';

/** The embedded database in its own thread, as the API runs it (the worker starts from the build under dist/). */
describe('the embedded database in a thread of its own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tte-thread-'));
  /** A module to host, written as plain JavaScript (a hosted thread runs it as built code). */
  const moduleFile = (name: string, body: string) => {
    const file = join(dir, `${name}.mjs`);
    writeFileSync(file, body);
    return pathToFileURL(file);
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves statements and transactions to this thread and to a hosted module in a thread of its own', async () => {
    const thread = await DatabaseThread.open();
    try {
      await thread.sql.transaction(async (tx) => {
        await tx.query('create table notes (n int)');
        await tx.query('insert into notes values (1), (2)');
      });
      const reports: unknown[] = [];
      const counter = moduleFile(
        'counter',
        `export async function inOwnThread(sql, data, report) {
           const [row] = await sql.query('select count(*)::int as n from notes');
           report({ notes: row.n, asked: data.asked });
           return async () => report({ stopping: true });
         }`,
      );
      await thread.host(counter, { asked: 'count' }, (r) => reports.push(r));
      await waitFor(async () => reports.length > 0);
      expect(reports).toEqual([{ notes: 2, asked: 'count' }]);
      await thread.close();
      expect(reports).toEqual([{ notes: 2, asked: 'count' }, { stopping: true }]);
      await expect(thread.sql.query('select 1')).rejects.toThrow(/was closed|stopped/);
    } finally {
      await thread.close();
    }
  });

  it('gives a hosted module the other databases it was given, each by name, beside its own', async () => {
    const views = await DatabaseThread.open();
    const events = await DatabaseThread.open();
    try {
      await views.sql.query('create table views_here (n int)');
      await events.sql.query('create table events_here (n int)');
      await events.sql.query('insert into events_here values (7)');
      const reports: unknown[] = [];
      const copier = moduleFile(
        'copier',
        `export async function inOwnThread(sql, data, report, besides) {
           const rows = await besides.events.query('select n from events_here');
           for (const { n } of rows) await sql.query('insert into views_here values ($1)', [n]);
           report({ names: Object.keys(besides), copied: rows.length });
           return async () => undefined;
         }`,
      );
      await views.host(copier, {}, (r) => reports.push(r), undefined, { events });
      await waitFor(async () => reports.length > 0);
      expect(reports).toEqual([{ names: ['events'], copied: 1 }]);
      await expect(views.sql.query('select n from views_here')).resolves.toEqual([{ n: 7 }]);
      // Two databases: neither holds the other's table.
      await expect(events.sql.query('select n from views_here')).rejects.toThrow(/views_here/);
    } finally {
      await views.close();
      await events.close();
    }
  });

  it('runs a module in a thread of its own with no database given: it opens what it needs, and stops when asked', async () => {
    const reports: unknown[] = [];
    const alone = moduleFile(
      'alone',
      `import { threadId } from 'node:worker_threads';
       export async function inOwnThread(sql, data, report, besides) {
         report({ sql: sql === undefined, besides: Object.keys(besides), threadId, asked: data.asked });
         return async () => report({ stopping: true });
       }`,
    );
    const hosted = await hostModule(alone, { asked: 'hello' }, (r) => reports.push(r));
    await waitFor(async () => reports.length > 0);
    expect(reports[0]).toMatchObject({ sql: true, besides: [], asked: 'hello' });
    expect((reports[0] as { threadId: number }).threadId).not.toBe(threadId);
    await hosted.stop();
    expect(reports.at(-1)).toEqual({ stopping: true });
    await hosted.stop(); // a second stop changes nothing
  });

  it('says why a hosted module could not start, and when its thread stops', async () => {
    const thread = await DatabaseThread.open();
    try {
      const failing = moduleFile('failing', `export async function inOwnThread() { throw new Error('no views today'); }`);
      await expect(thread.host(failing, {}, () => undefined)).rejects.toThrow('no views today');
      const dying = moduleFile('dying', `export async function inOwnThread() { setTimeout(() => { throw new Error('boom'); }, 20); return async () => undefined; }`);
      const stopped: Error[] = [];
      await thread.host(dying, {}, () => undefined, (reason) => stopped.push(reason));
      await waitFor(async () => stopped.length > 0);
      expect(stopped[0]?.message).toBe('the thread of dying.mjs stopped (exit code 1)');
      // The database goes on serving.
      await expect(thread.sql.query<{ one: number }>('select 1 as one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await thread.close();
    }
  });

  it('keeps what it wrote to its data directory for the next start', async () => {
    const dataDir = join(dir, 'data');
    const first = await DatabaseThread.open(dataDir);
    await first.sql.query('create table kept (n int)');
    await first.sql.query('insert into kept values (42)');
    await first.close();
    const second = await DatabaseThread.open(dataDir);
    try {
      await expect(second.sql.query('select n from kept')).resolves.toEqual([{ n: 42 }]);
    } finally {
      await second.close();
    }
  });
});

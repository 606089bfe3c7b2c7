import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore, openStorage } from './open-event-store.js';

const oneEvent = (streamId: string) => ({ streamId, events: [{ eventId: randomUUID(), type: 'T', data: {}, metadata: {} }], expectedRevision: 'any' as const });

describe('the embedded store with its views in a PGlite of their own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tte-storage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the events and the views in two databases, each in its own directory, and closes both', async () => {
    const config = { kind: 'embedded' as const, dataDir: join(dir, 'pglite'), views: { dataDir: join(dir, 'views') } };
    const storage = await openStorage(config);
    await storage.store.append(oneEvent('s-1'));
    await storage.views.query('create table derived (n int)');
    await storage.views.query('insert into derived values (1)');
    expect(storage.views).not.toBe(storage.sql);
    await expect(storage.views.query('select count(*)::int as n from events')).rejects.toThrow(/events/);
    await expect(storage.sql.query('select n from derived')).rejects.toThrow(/derived/);
    await storage.close();
    await expect(storage.views.query('select 1')).rejects.toThrow();
    await expect(storage.sql.query('select 1')).rejects.toThrow();

    const again = await openStorage(config);
    try {
      expect((await again.store.readAll()).map((e) => e.streamId)).toEqual(['s-1']);
      await expect(again.views.query('select n from derived')).resolves.toEqual([{ n: 1 }]);
    } finally {
      await again.close();
    }
  });

  it('keeps the views beside the events when not asked to part them', async () => {
    const storage = await openStorage({ kind: 'embedded' });
    try {
      expect(storage.views).toBe(storage.sql);
    } finally {
      await storage.close();
    }
  });

  it('opens the store alone for openEventStore: the views are not opened', async () => {
    const viewsDir = join(dir, 'unopened-views');
    const store = await openEventStore({ kind: 'embedded', dataDir: join(dir, 'alone'), views: { dataDir: viewsDir } });
    await store.close();
    expect(existsSync(viewsDir)).toBe(false);
  });
});

import { openStorage } from '@app/event-store';
import { ActiveTablesCache } from './active-tables-cache.js';
import { migrateViews } from './view-migrations.js';

describe('the cache of the active generation', () => {
  it('answers from memory for its maximum age, then reads the generation a rebuild switched to', async () => {
    const { sql } = await openStorage({ kind: 'embedded' });
    try {
      await migrateViews(sql);
      let now = 0;
      const cache = new ActiveTablesCache(sql, 1000, () => now);
      expect((await cache.get('views')).generation).toBe(1);
      await sql.query("update projection_generations set active = 2 where projection = 'views'");
      now = 999;
      expect((await cache.get('views')).generation).toBe(1);
      now = 1000;
      expect((await cache.get('views')).views).toBe('course_views_g2');
    } finally {
      await sql.close();
    }
  });

  it('does not remember a failed read', async () => {
    let calls = 0;
    const db = { query: async () => (++calls === 1 ? Promise.reject(new Error('database down')) : [{ active: 3, building: null }]) };
    const cache = new ActiveTablesCache(db as never);
    await expect(cache.get('views')).rejects.toThrow('database down');
    expect((await cache.get('views')).generation).toBe(3);
  });
});

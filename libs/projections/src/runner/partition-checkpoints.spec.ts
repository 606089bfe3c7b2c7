import { openStorage, type SqlClient } from '@app/event-store';
import { writeCheckpoint } from '../store/course-view-store.js';
import { tablesOf } from '../store/generations.js';
import { migrateViews } from '../store/view-migrations.js';
import { lowestCheckpoint, readPartitionCheckpoints, writePartitionCheckpoints } from './partition-checkpoints.js';
import { partitionOf } from './partitions.js';

const tables = tablesOf('views', 2);
const positions = async (sql: SqlClient, count: number) => (await readPartitionCheckpoints(sql, tables, count)).map((c) => c.position);

describe('partition checkpoints', () => {
  let sql: SqlClient;
  beforeEach(async () => {
    sql = (await openStorage({ kind: 'embedded' })).sql;
    await migrateViews(sql);
  });
  afterEach(() => sql.close());

  it('start at 0, and a partition that has applied nothing stays at 0 whatever its siblings did', async () => {
    expect(await positions(sql, 3)).toEqual([0, 0, 0]);
    await writePartitionCheckpoints(sql, tables, [0, 2], 3, { position: 120 });
    expect(await positions(sql, 3)).toEqual([120, 0, 120]);
    expect(lowestCheckpoint(await readPartitionCheckpoints(sql, tables, 3)).position).toBe(0);
  });

  it('take over from the rebuild’s checkpoint, or from the lowest of another partition count', async () => {
    await writeCheckpoint(sql, tables.checkpoint, { position: 500 }); // what a rebuild leaves
    expect(await positions(sql, 3)).toEqual([500, 500, 500]);
    await writePartitionCheckpoints(sql, tables, [0, 1, 2], 3, { position: 800 });
    await writePartitionCheckpoints(sql, tables, [1], 3, { position: 900 });
    expect(await positions(sql, 3)).toEqual([800, 900, 800]);
    // Re-partitioned from 3 to 4: the lowest of every other layout (here the rebuild's 500) is safe.
    expect(await positions(sql, 4)).toEqual([500, 500, 500, 500]);
    expect(await positions(sql, 1)).toEqual([500]);
  });

  it('spreads patients over partitions stably', () => {
    expect(partitionOf('seed001-P01', 1)).toBe(0);
    expect(partitionOf('seed001-P01', 8)).toBe(partitionOf('seed001-P01', 8));
    const counts = new Array<number>(4).fill(0);
    for (let i = 0; i < 4000; i++) counts[partitionOf(`SYN-1-${String(i).padStart(6, '0')}`, 4)]! += 1;
    for (const n of counts) expect(n).toBeGreaterThan(800);
  });
});

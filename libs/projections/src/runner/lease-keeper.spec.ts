import { openStorage, type SqlClient } from '@app/event-store';
import { migrateViews } from '../store/view-migrations.js';
import { LeaseKeeper } from './lease-keeper.js';
import { leaseHolders } from './leases.js';

const keeperOn = (sql: SqlClient, owner: string, leaseMs = 60_000) => new LeaseKeeper({ sql, projection: 'views', owner, partitions: 6, leaseMs, exclusive: false });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('partition leases between projector processes', () => {
  let sql: SqlClient;
  beforeEach(async () => {
    sql = (await openStorage({ kind: 'embedded' })).sql;
    await migrateViews(sql);
  });
  afterEach(() => sql.close());

  it('shares the partitions fairly, each held by exactly one process', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((o) => keeperOn(sql, o)) as [LeaseKeeper, LeaseKeeper, LeaseKeeper];
    await a.tick();
    expect(a.held.size).toBe(6); // alone, it takes everything
    await b.tick();
    await c.tick();
    for (let round = 0; round < 3; round++) for (const k of [a, b, c]) await k.tick();
    expect([a, b, c].map((k) => k.held.size)).toEqual([2, 2, 2]);
    const holders = await leaseHolders(sql, 'views');
    expect(holders.map((h) => h.partition)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const k of [a, b, c]) expect(holders.filter((h) => h.owner === ['a', 'b', 'c'][[a, b, c].indexOf(k)]).map((h) => h.partition).sort()).toEqual([...k.held].sort());
  });

  it('lets the survivors take over a dead process’s partitions once its lease expires', async () => {
    const a = keeperOn(sql, 'a', 600);
    const b = keeperOn(sql, 'b', 600);
    await a.tick();
    await b.tick();
    await a.tick();
    await b.tick();
    expect(a.held.size + b.held.size).toBe(6);
    const gained: number[] = [];
    b.gained$.subscribe((ps) => gained.push(...ps));
    const bHad = b.held.size;
    // `a` dies: it neither renews nor releases. Before expiry nobody can take its partitions.
    await b.tick();
    expect(b.held.size).toBe(bHad);
    for (let i = 0; i < 4; i++) {
      await sleep(200); // b keeps renewing, as its timer would
      await b.tick();
    }
    expect(b.held.size).toBe(6);
    expect(gained).toHaveLength(6 - bHad);
  });

  it('fences a process that lost its lease: its confirmation inside a batch excludes the partition', async () => {
    const a = keeperOn(sql, 'a', 500);
    await a.tick();
    const started = a.tenure();
    expect(await sql.transaction((tx) => a.confirm(tx, started))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    await sleep(600); // a stalls past its lease; b takes over
    const b = keeperOn(sql, 'b', 60_000);
    await b.tick();
    expect(b.held.size).toBe(6);
    const confirmed = await sql.transaction((tx) => a.confirm(tx, started));
    expect(confirmed.size).toBe(0);
    expect(a.held.size).toBe(0);
  });

  it('does not apply work read under an earlier tenure of a partition lost and taken again', async () => {
    const a = keeperOn(sql, 'a', 500);
    await a.tick();
    const started = a.tenure();
    await sleep(600); // lost…
    await a.tick(); // …and taken again: a new tenure
    expect(a.held.size).toBe(6);
    expect(await sql.transaction((tx) => a.confirm(tx, started))).toEqual(new Set());
    expect(await sql.transaction((tx) => a.confirm(tx, a.tenure()))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
  });

  it('hands its partitions back on a clean stop, and a restart under the same name takes its own back at once', async () => {
    const a = keeperOn(sql, 'a');
    await a.tick();
    const restarted = keeperOn(sql, 'a');
    await restarted.tick();
    expect(restarted.held.size).toBe(6);
    await restarted.stop();
    const b = keeperOn(sql, 'b');
    await b.tick();
    expect(b.held.size).toBe(6);
  });
});

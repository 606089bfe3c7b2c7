import type { SqlExecutor } from '@app/event-store';

/**
 * Leases on a projection's partitions, kept in PostgreSQL next to the views. A lease is a row with
 * an owner and an expiry on the database's clock (no clock skew between processes); its owner
 * renews it, and when the owner dies it expires and another process takes it. Every batch
 * re-reads its leases `for share` inside its own transaction (fencing): a lease cannot change hands
 * while a batch under it is committing, and a process that lost a lease writes nothing under it.
 */
export const LEASES_SCHEMA = `
create table if not exists projection_leases (
  projection text not null,
  partition int not null,
  owner text not null,
  expires_at timestamptz not null,
  primary key (projection, partition)
);
create table if not exists projection_members (
  projection text not null,
  owner text not null,
  expires_at timestamptz not null,
  primary key (projection, owner)
);
`;

const ttl = (ms: number) => `clock_timestamp() + make_interval(secs => ${Math.max(1, ms) / 1000})`;

/** Says this process is alive; returns how many processes are (itself included). */
export async function heartbeat(db: SqlExecutor, projection: string, owner: string, leaseMs: number): Promise<number> {
  await db.query(
    `insert into projection_members (projection, owner, expires_at) values ($1, $2, ${ttl(leaseMs)})
     on conflict (projection, owner) do update set expires_at = excluded.expires_at`,
    [projection, owner],
  );
  await db.query('delete from projection_members where projection = $1 and expires_at < clock_timestamp()', [projection]);
  const rows = await db.query<{ n: string | number }>('select count(*) as n from projection_members where projection = $1', [projection]);
  return Math.max(1, Number(rows[0]?.n ?? 1));
}

/** Extends the leases this owner still holds; returns them (an expired one is not renewed). */
export async function renewLeases(db: SqlExecutor, projection: string, owner: string, leaseMs: number): Promise<Set<number>> {
  const rows = await db.query<{ partition: number }>(
    `update projection_leases set expires_at = ${ttl(leaseMs)}
     where projection = $1 and owner = $2 and expires_at > clock_timestamp() returning partition`,
    [projection, owner],
  );
  return new Set(rows.map((r) => Number(r.partition)));
}

/** Takes up to `wanted` partitions that nobody holds (free or expired); returns those it got. */
export async function acquireLeases(db: SqlExecutor, projection: string, owner: string, count: number, wanted: number, leaseMs: number): Promise<number[]> {
  if (wanted <= 0) return [];
  const free = await db.query<{ p: number }>(
    `select p from generate_series(0, $2::int - 1) as p
     where not exists (select 1 from projection_leases l where l.projection = $1 and l.partition = p and l.expires_at > clock_timestamp())
     order by random() limit $3`,
    [projection, count, wanted],
  );
  if (free.length === 0) return [];
  const rows = await db.query<{ partition: number }>(
    `insert into projection_leases (projection, partition, owner, expires_at)
     select $1, p, $2, ${ttl(leaseMs)} from unnest($3::int[]) as p
     on conflict (projection, partition) do update set owner = excluded.owner, expires_at = excluded.expires_at
       where projection_leases.expires_at < clock_timestamp() or projection_leases.owner = excluded.owner
     returning partition`,
    [projection, owner, free.map((r) => r.p)],
  );
  return rows.map((r) => Number(r.partition));
}

/** Hands partitions back at once (rebalancing, clean shutdown), so others need not wait for expiry. */
export async function releaseLeases(db: SqlExecutor, projection: string, owner: string, partitions?: readonly number[]): Promise<void> {
  await db.query(
    `update projection_leases set expires_at = clock_timestamp() - interval '1 millisecond'
     where projection = $1 and owner = $2 and ($3::int[] is null or partition = any($3::int[]))`,
    [projection, owner, partitions ? [...partitions] : null],
  );
  if (!partitions) await db.query('delete from projection_members where projection = $1 and owner = $2', [projection, owner]);
}

/** Inside a batch's transaction: which of these leases this owner still holds, locked until commit. */
export async function confirmLeases(db: SqlExecutor, projection: string, owner: string, partitions: readonly number[]): Promise<Set<number>> {
  const rows = await db.query<{ partition: number }>(
    `select partition from projection_leases
     where projection = $1 and owner = $2 and partition = any($3::int[]) and expires_at > clock_timestamp() for share`,
    [projection, owner, [...partitions]],
  );
  return new Set(rows.map((r) => Number(r.partition)));
}

export interface LeaseHolder {
  readonly partition: number;
  readonly owner: string;
  readonly expiresAt: Date;
}

export async function leaseHolders(db: SqlExecutor, projection: string): Promise<LeaseHolder[]> {
  const rows = await db.query<{ partition: number; owner: string; expires_at: Date }>(
    'select partition, owner, expires_at from projection_leases where projection = $1 and expires_at > clock_timestamp() order by partition',
    [projection],
  );
  return rows.map((r) => ({ partition: Number(r.partition), owner: r.owner, expiresAt: r.expires_at }));
}

import pg from 'pg';
import { randomUUID } from 'node:crypto';

export const PG_SERVER = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One statement on a connection of its own, closed whatever the statement did. */
export async function oneStatement(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const admin = (sql: string): Promise<void> => oneStatement(PG_SERVER, sql);

/** A fresh database on the PostgreSQL server; call the returned `drop` to remove it. */
export async function freshDatabase(prefix = 'tte_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await admin(`create database ${name}`);
  const url = new URL(PG_SERVER);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

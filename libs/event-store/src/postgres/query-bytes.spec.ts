import fc from 'fast-check';
import { sqlClients, type OpenedSqlClient } from '../../../../test/support/sql-clients.js';
import type { SqlClient } from './sql-client.js';

// Any text PostgreSQL can hold (everything but NUL), multi-byte characters included.
const text = fc.string({ unit: 'binary' }).map((s) => s.replaceAll('\u0000', ''));

function readsBytes(label: string, open: () => Promise<OpenedSqlClient>) {
  describe(`${label}: queryBytes`, () => {
    let sql: SqlClient;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ sql, done } = await open());
      await sql.query('create table docs (id text primary key, n bigint not null, body text, meta jsonb, ok boolean)');
    });
    afterAll(() => done());

    it('gives each value as the UTF-8 bytes of its text form, and null as null, for any text', async () => {
      await fc.assert(
        fc.asyncProperty(fc.option(text, { nil: null }), fc.maxSafeInteger(), async (body, n) => {
          await sql.query('delete from docs');
          await sql.query('insert into docs (id, n, body, meta, ok) values ($1, $2, $3, $4, $5)', ['a', n, body, JSON.stringify({ k: 'é' }), true]);
          const rows = await sql.queryBytes('select body, n, meta, ok, null::text as nothing from docs where id = $1', ['a'], { name: 'tte_test_docs' });
          expect(rows).toHaveLength(1);
          const [got, number, meta, ok, nothing] = rows[0] ?? [];
          expect(got === null || got === undefined ? got : Buffer.isBuffer(got) && got.toString('utf8')).toBe(body);
          expect(number?.toString()).toBe(String(n));
          expect(JSON.parse(meta?.toString() ?? 'null')).toEqual({ k: 'é' });
          expect(ok?.toString()).toBe('t');
          expect(nothing).toBeNull();
        }),
        { numRuns: 40 },
      );
    });

    it('gives no rows when nothing matches, and throws what the server says when the statement is wrong', async () => {
      expect(await sql.queryBytes('select body from docs where id = $1', ['none'])).toEqual([]);
      await expect(sql.queryBytes('select missing from docs')).rejects.toThrow(/missing/);
    });
  });
}

describe('raw reads', () => {
  for (const [label, open] of sqlClients('tte_bytes')) readsBytes(label, open);
});

describe('PostgreSQL server: queryRows', () => {
  const [, open] = sqlClients('tte_rows').find(([label]) => label === 'PostgreSQL server') ?? [];
  let sql: SqlClient;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ sql, done } = await (open as () => Promise<OpenedSqlClient>)());
  });
  afterAll(() => done());

  it('gives each row as an array of values decoded by their types, in column order', async () => {
    const rows = await sql.queryRows?.(
      `select 'é'::text, 9007199254740993::bigint, 7::int, '{"a":[1,"x"]}'::json, '2026-12-05T10:11:12.345678Z'::timestamptz, null::text from generate_series(1, $1::int)`,
      [2],
    );
    expect(rows).toEqual([
      ['é', '9007199254740993', 7, { a: [1, 'x'] }, new Date('2026-12-05T10:11:12.345Z'), null],
      ['é', '9007199254740993', 7, { a: [1, 'x'] }, new Date('2026-12-05T10:11:12.345Z'), null],
    ]);
  });

  it('gives no rows when nothing matches, and throws what the server says when the statement is wrong', async () => {
    expect(await sql.queryRows?.('select 1 where false')).toEqual([]);
    await expect(sql.queryRows?.('select missing')).rejects.toThrow(/missing/);
  });
});

import fc from 'fast-check';
import { freshDatabase } from '../../../../test/support/fresh-database.js';
import { copyText } from './copy-text.js';
import { NodePostgresClient } from './node-postgres-client.js';
import { PgliteClient } from './pglite-client.js';
import type { SqlClient } from './sql-client.js';

// Any text PostgreSQL can hold (everything but NUL), with COPY's special characters made likely.
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^[\\\t\n\r.a-z ]*$/)).map((s) => s.replaceAll('\u0000', ''));
const row = fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.option(text, { nil: null }), fc.option(text, { nil: null }));

function copiesBack(label: string, open: () => Promise<{ sql: SqlClient; done: () => Promise<void> }>) {
  it(`${label}: reads back exactly the rows it was given, through COPY, in and out of a transaction`, async () => {
    const { sql, done } = await open();
    try {
      await sql.query('create table copied (n int, a text, b text)');
      await fc.assert(
        fc.asyncProperty(fc.array(row, { maxLength: 30 }), fc.boolean(), async (rows, inTransaction) => {
          await sql.query('truncate copied');
          const statement = 'copy copied (n, a, b) from stdin';
          if (inTransaction) await sql.transaction((tx) => tx.copyFrom(statement, copyText(rows)));
          else await sql.copyFrom(statement, copyText(rows));
          const back = await sql.query<{ n: number; a: string | null; b: string | null }>('select n, a, b from copied order by ctid');
          expect(back.map((r) => [r.n, r.a, r.b])).toEqual(rows);
        }),
        { numRuns: 60 },
      );
    } finally {
      await done();
    }
  });
}

describe('COPY text rows', () => {
  it('escapes backslash, tab, newline and carriage return, and writes NULL as \\N', () => {
    expect(copyText([[1, 'a\tb\\c\nd\re', null], [2, '', undefined]])).toBe('1\ta\\tb\\\\c\\nd\\re\t\\N\n2\t\t\\N\n');
  });
  copiesBack('PGlite', async () => {
    const sql = await PgliteClient.open();
    return { sql, done: () => sql.close() };
  });
  copiesBack('PostgreSQL server', async () => {
    const db = await freshDatabase('tte_copy');
    const sql = new NodePostgresClient(db.url);
    return {
      sql,
      done: async () => {
        await sql.close();
        await db.drop();
      },
    };
  });
});

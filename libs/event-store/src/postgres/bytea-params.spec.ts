import fc from 'fast-check';
import { pgliteOverPort } from '../../../../test/support/served-over-port.js';
import { sqlClients, type OpenedSqlClient } from '../../../../test/support/sql-clients.js';
import type { SqlClient } from './sql-client.js';

function holdsBytes(label: string, open: () => Promise<OpenedSqlClient>) {
  describe(`${label}: bytea parameters`, () => {
    let sql: SqlClient;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ sql, done } = await open());
      await sql.query('create table blobs (id int primary key, packed bytea)');
    });
    afterAll(() => done());

    it('store any bytes exactly, from a view into a larger buffer too, in a multi-row insert and in a transaction', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.uint8Array({ maxLength: 3000 }), fc.nat({ max: 7 })), { minLength: 1, maxLength: 8 }), async (values) => {
          // Each value sits at an offset inside a buffer of its own, as a Buffer from a pool does.
          const params = values.flatMap(([bytes, offset], i) => {
            const holder = new Uint8Array(offset + bytes.length + 3).fill(0xee);
            holder.set(bytes, offset);
            return [i, holder.subarray(offset, offset + bytes.length)];
          });
          const rows = values.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
          await sql.transaction(async (tx) => {
            await tx.query('delete from blobs');
            await tx.query(`insert into blobs (id, packed) values ${rows}`, params);
          });
          const stored = await sql.query<{ id: number; packed: Buffer }>('select id, packed from blobs order by id');
          expect(stored.map((r) => Buffer.from(r.packed).toString('hex'))).toEqual(values.map(([bytes]) => Buffer.from(bytes).toString('hex')));
        }),
        { numRuns: 25 },
      );
    });

    // node-postgres sends any value as its text; PGlite's serializer is this project's own.
    if (label.startsWith('PGlite')) {
      it('refuse a value that is not bytes, naming what it was', async () => {
        await expect(sql.query('insert into blobs (id, packed) values (99, $1)', [42])).rejects.toThrow('not a byte array for a bytea parameter: number');
        expect(await sql.query('select id from blobs where id = 99')).toEqual([]);
      });
    }
  });
}

describe('bytes as parameters', () => {
  for (const [label, open] of sqlClients('tte_blobs')) holdsBytes(label, open);
  holdsBytes('PGlite over a port', async () => {
    const sql = await pgliteOverPort();
    return { sql, done: () => sql.close() };
  });
});

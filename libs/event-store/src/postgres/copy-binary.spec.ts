import fc from 'fast-check';
import { sqlClients, type OpenedSqlClient } from '../../../../test/support/sql-clients.js';
import { copyBinary, type CopyColumnType } from './copy-binary.js';

const COLUMNS: readonly CopyColumnType[] = ['bigint', 'text', 'uuid', 'timestamptz', 'bytea'];
// Any text PostgreSQL can hold (everything but NUL), multi-byte characters included.
const text = fc.string({ unit: 'binary' }).map((s) => s.replaceAll('\u0000', ''));
const uuid = fc.uuid({ version: [1, 2, 3, 4, 5] }).chain((u) => fc.boolean().map((upper) => (upper ? u.toUpperCase() : u)));
// Before and after PostgreSQL's epoch (2000), to the millisecond.
const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }).map((ms) => new Date(ms).toISOString());
const row = fc.tuple(
  fc.option(fc.maxSafeInteger().chain((n) => fc.constantFrom(n, 0 - n)), { nil: null }), // 0 - 0 is 0, where -0 would read back as 0
  fc.option(text, { nil: null }),
  fc.option(uuid, { nil: null }),
  fc.option(instant, { nil: null }),
  fc.option(fc.uint8Array({ maxLength: 300 }), { nil: null }),
);

function copiesBack(label: string, open: () => Promise<OpenedSqlClient>) {
  it(`${label}: reads back exactly the rows it was given, in and out of a transaction`, async () => {
    const { sql, done } = await open();
    try {
      await sql.query('create table copied (n bigint, a text, u uuid, t timestamptz, b bytea)');
      await fc.assert(
        fc.asyncProperty(fc.array(row, { maxLength: 30 }), fc.boolean(), async (rows, inTransaction) => {
          await sql.query('truncate copied');
          const statement = 'copy copied (n, a, u, t, b) from stdin with (format binary)';
          if (inTransaction) await sql.transaction((tx) => tx.copyFrom(statement, copyBinary(COLUMNS, rows)));
          else await sql.copyFrom(statement, copyBinary(COLUMNS, rows));
          const back = await sql.query<{ n: string | null; a: string | null; u: string | null; t: string | null; b: string | null }>(
            `select n::text, a, u::text, to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as t, encode(b, 'hex') as b from copied order by ctid`,
          );
          expect(back.map((r) => [r.n === null ? null : Number(r.n), r.a, r.u, r.t, r.b])).toEqual(
            rows.map(([n, a, u, t, b]) => [n, a, u?.toLowerCase() ?? null, t, b === null ? null : Buffer.from(b).toString('hex')]),
          );
        }),
        { numRuns: 60 },
      );
    } finally {
      await done();
    }
  });
}

describe('COPY rows in binary', () => {
  it('refuses a value its column cannot hold, naming it', () => {
    expect(() => copyBinary(['uuid'], [['not-a-uuid']])).toThrow('not a UUID: "not-a-uuid"');
    expect(() => copyBinary(['uuid'], [['0b4e3c1c-9d4f-4c1e-8f2a-1e2d3c4b5a6z']])).toThrow('not a UUID');
    expect(() => copyBinary(['uuid'], [['0b4e3c1c+9d4f-4c1e-8f2a-1e2d3c4b5a6f']])).toThrow('not a UUID');
    expect(() => copyBinary(['bigint'], [[1.5]])).toThrow('not a bigint: 1.5');
    expect(() => copyBinary(['bigint'], [['12']])).toThrow('not a bigint: "12"');
    expect(() => copyBinary(['timestamptz'], [['yesterday']])).toThrow('not a timestamp: "yesterday"');
    expect(() => copyBinary(['text'], [[3]])).toThrow('not a text: 3');
    expect(() => copyBinary(['bytea'], [['00ff']])).toThrow('not a byte array: "00ff"');
    expect(() => copyBinary(['text', 'text'], [['a']])).toThrow('a row of 1 values for 2 columns');
  });
  it('writes the header, each field with its length, and the trailer', () => {
    const bytes = copyBinary(['bigint', 'text', 'bytea'], [[258, 'é', Uint8Array.of(0, 255)]]);
    expect(bytes.toString('hex')).toBe(
      Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1').toString('hex') + '00000000' + '00000000' + '0003' + '00000008' + '0000000000000102' + '00000002' + 'c3a9' + '00000002' + '00ff' + 'ffff',
    );
  });
  for (const [label, open] of sqlClients('tte_copy')) copiesBack(label, open);
});

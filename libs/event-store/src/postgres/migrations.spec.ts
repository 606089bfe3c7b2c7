import { randomUUID } from 'node:crypto';
import { freshDatabase } from '../../../../test/support/fresh-database.js';
import { migrate } from './migrations.js';
import { NodePostgresClient } from './node-postgres-client.js';
import { PgliteClient } from './pglite-client.js';
import { PostgresEventStore } from './postgres-event-store.js';
import type { SqlClient } from './sql-client.js';

/** Records two events the way the first schema did: one jsonb batch, data kept as jsonb. */
async function recordUnderFirstSchema(sql: SqlClient, ids: readonly string[]): Promise<void> {
  await migrate(sql, { upTo: 1 });
  const batch = [
    {
      streamId: 'patient-P1',
      expectedKind: 'no-stream',
      expected: null,
      idempotencyKey: 'k-1',
      events: [
        { eventId: ids[0], type: 'PatientEnrolled', data: { occurredOn: '2020-07', site: 'A' }, metadata: { schemaVersion: 1, recordedBy: 'dm' } },
        { eventId: ids[1], type: 'LabMeasured', data: { occurredOn: '2020-07-15', value: 4.5, nested: { unit: 'pg/mL', tags: ['a', 'b'] } }, metadata: { schemaVersion: 1, recordedBy: 'dm', source: 'chart' } },
      ],
    },
  ];
  await sql.query('select tte_append($1::jsonb)', [JSON.stringify(batch)]);
}

function upgradeKeepsTheLog(label: string, open: () => Promise<{ sql: SqlClient; reopen: () => Promise<SqlClient>; drop: () => Promise<void> }>) {
  it(`${label}: keeps every event, its metadata and its idempotency key through the move to JSON text`, async () => {
    const ids = [randomUUID(), randomUUID()];
    const { sql, reopen, drop } = await open();
    try {
      await recordUnderFirstSchema(sql, ids);
      const store = await PostgresEventStore.open(await reopen());
      try {
        const events = await store.readStream('patient-P1');
        expect(events.map((e) => [e.eventId, e.type, e.revision, e.position])).toEqual([
          [ids[0], 'PatientEnrolled', 0, 1],
          [ids[1], 'LabMeasured', 1, 2],
        ]);
        expect(events[1]?.data).toEqual({ occurredOn: '2020-07-15', value: 4.5, nested: { unit: 'pg/mL', tags: ['a', 'b'] } });
        expect(events[1]?.metadata).toEqual({ schemaVersion: 1, recordedBy: 'dm', source: 'chart' });
        // The key recorded under the first schema still answers a retry.
        expect(await store.findIdempotentResult('k-1')).toMatchObject({ streamId: 'patient-P1', revision: 1, replayed: true });
        const next = await store.append({ streamId: 'patient-P1', expectedRevision: 1, events: [{ eventId: randomUUID(), type: 'LastContactRecorded', data: { occurredOn: '2021' }, metadata: {} }] });
        expect(next).toMatchObject({ revision: 2, firstPosition: 3, lastPosition: 3 });
      } finally {
        await store.close();
      }
    } finally {
      await drop();
    }
  });
}

describe('event log migrations', () => {
  upgradeKeepsTheLog('PGlite', async () => {
    const sql = await PgliteClient.open();
    // One in-process database: the upgrade reopens the same client.
    return { sql, reopen: async () => sql, drop: async () => sql.close() };
  });
  upgradeKeepsTheLog('PostgreSQL server', async () => {
    const db = await freshDatabase('tte_migrations');
    const sql = new NodePostgresClient(db.url);
    return {
      sql,
      reopen: async () => {
        await sql.close();
        return new NodePostgresClient(db.url);
      },
      drop: db.drop,
    };
  });
});

import { openStorage, type EventStore, type SqlClient } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { freshDatabase } from '../../../../test/support/fresh-database.js';
import { emptyRecord } from '../course-record.js';
import { packedViewsOf, saveCourseViews } from './course-view-store.js';
import { findCourseView, listViewDocuments } from './course-view-queries.js';
import { tablesOf } from './generations.js';
import { packView, unpackView } from './packed-view.js';
import { migrateViews } from './view-migrations.js';

const fact = () => ({ eventId: randomUUID(), type: 'LabMeasured', data: { analyte: 'IL-6' }, metadata: {} });

/** Both stores the views live beside, each opened empty; `close` also drops a server's database. */
const storages: readonly (readonly [label: string, open: () => Promise<{ store: EventStore; sql: SqlClient; close: () => Promise<void> }>])[] = [
  [
    'PGlite',
    async () => {
      const s = await openStorage({ kind: 'embedded' });
      return { ...s, close: () => s.store.close() };
    },
  ],
  [
    'PostgreSQL server',
    async () => {
      const db = await freshDatabase('tte_view_queries');
      const s = await openStorage({ kind: 'postgres', url: db.url });
      const close = async () => {
        await s.store.close();
        await db.drop();
      };
      return { ...s, close };
    },
  ],
];

describe.each(storages)('reading stored views on %s', (_label, open) => {
  it("gives one view as stored (packed, not unpacked), with the revision it was projected at and, from the same database, the stream's own", async () => {
    const { store, sql, close } = await open();
    const packed = packView({ entries: ['a'] });
    try {
      await migrateViews(sql);
      const tables = tablesOf('views', 1);
      await store.append({ streamId: 'patient-P1', events: [fact(), fact(), fact()], expectedRevision: 'no-stream' });
      await saveCourseViews(sql, tables, [{ patientId: 'P1', record: { ...emptyRecord('P1'), revision: 1, position: 2 }, views: packedViewsOf({ timeline: { entries: ['a'] } }) }]);
      const revisionSql = store.capabilities.streamRevisionSql;
      expect(revisionSql).toBeDefined();

      const withStream = await findCourseView(sql, tables, 'P1', 'timeline', revisionSql && { id: 'patient-P1', revisionSql });
      expect(withStream).toEqual({ revision: 1, packed, error: null, streamRevision: 2, sealedIdentifiers: false });
      expect(await findCourseView(sql, tables, 'P1', 'timeline')).toEqual({ revision: 1, packed, error: null, sealedIdentifiers: false });
      expect(await findCourseView(sql, tables, 'P1', 'swimmer')).toEqual({ revision: 1, packed: null, error: null, sealedIdentifiers: false });
      expect(await findCourseView(sql, tables, 'P2', 'timeline', revisionSql && { id: 'patient-P2', revisionSql })).toBeUndefined();

      const error = { eventId: randomUUID(), position: 3, type: 'LabMeasured', message: 'no unit "é"' };
      await saveCourseViews(sql, tables, [{ patientId: 'P1', record: { ...emptyRecord('P1'), revision: 2, position: 3 }, error }]);
      // A stopped patient's documents stay as they were, and so does what the row said of them.
      expect(await findCourseView(sql, tables, 'P1', 'timeline')).toEqual({ revision: 2, packed, error, sealedIdentifiers: false });

      const sealedFact = { eventId: randomUUID(), type: 'PatientEnrolled' as const, data: { identifiers: { sealed: 'A'.repeat(60) } }, recordedAt: '', recordedBy: '', revision: 0, position: 4, amendments: [], retracted: false };
      await saveCourseViews(sql, tables, [{ patientId: 'P3', record: { patientId: 'P3', facts: [sealedFact], revision: 0, position: 4 }, views: packedViewsOf({ timeline: {} }) }]);
      expect((await findCourseView(sql, tables, 'P3', 'timeline'))?.sealedIdentifiers).toBe(true);
      // Rows written before views rows said it: unknown.
      await sql.query(`update ${tables.views} set sealed_identifiers = null where patient_id = 'P3'`);
      expect(await findCourseView(sql, tables, 'P3', 'timeline')).not.toHaveProperty('sealedIdentifiers');
    } finally {
      await close();
    }
  });

  it('lists one view of every patient, unpacked and parsed, in patient order and paged', async () => {
    const { sql, close } = await open();
    try {
      await migrateViews(sql);
      const tables = tablesOf('views', 1);
      const rows = ['P3', 'P1', 'P2'].map((patientId, i) => ({ patientId, record: { ...emptyRecord(patientId), revision: 0, position: i + 1 }, views: packedViewsOf({ swimmer: { patientId, note: 'é ✓' }, timeline: {} }) }));
      await saveCourseViews(sql, tables, rows);
      expect(await listViewDocuments(sql, tables, 'swimmer', '', 2)).toEqual([
        { patientId: 'P1', value: { patientId: 'P1', note: 'é ✓' } },
        { patientId: 'P2', value: { patientId: 'P2', note: 'é ✓' } },
      ]);
      expect(await listViewDocuments(sql, tables, 'swimmer', 'P2', 2)).toEqual([{ patientId: 'P3', value: { patientId: 'P3', note: 'é ✓' } }]);
    } finally {
      await close();
    }
  });
});

describe('packed views', () => {
  it('unpack to the JSON text they were packed from, and are gzip (what HTTP clients take as it is)', () => {
    const value = { entries: Array.from({ length: 50 }, (_, i) => ({ type: 'LabMeasured', summary: `IL-6 ${i} pg/mL`, note: 'é ✓' })) };
    const packed = packView(value);
    expect(unpackView(packed).toString('utf8')).toBe(JSON.stringify(value));
    expect([...packed.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(packed.length).toBeLessThan(JSON.stringify(value).length / 5);
    expect(unpackView(packView(undefined)).toString('utf8')).toBe('null');
  });
});

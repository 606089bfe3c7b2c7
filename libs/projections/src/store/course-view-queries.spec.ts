import { openStorage } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { emptyRecord } from '../course-record.js';
import { saveCourseViews, viewTextsOf } from './course-view-store.js';
import { findCourseViewJson } from './course-view-queries.js';
import { tablesOf } from './generations.js';
import { migrateViews } from './view-migrations.js';

const fact = () => ({ eventId: randomUUID(), type: 'LabMeasured', data: { analyte: 'IL-6' }, metadata: {} });

describe('reading one stored view', () => {
  it("gives the view as stored (its bytes), with the revision it was projected at and, from the same database, the stream's own", async () => {
    const { store, sql } = await openStorage({ kind: 'embedded' });
    try {
      await migrateViews(sql);
      const tables = tablesOf('views', 1);
      await store.append({ streamId: 'patient-P1', events: [fact(), fact(), fact()], expectedRevision: 'no-stream' });
      await saveCourseViews(sql, tables, [{ patientId: 'P1', record: { ...emptyRecord('P1'), revision: 1, position: 2 }, views: viewTextsOf({ timeline: { entries: ['a'] } }) }]);
      const revisionSql = store.capabilities.streamRevisionSql;
      expect(revisionSql).toBeDefined();

      const withStream = await findCourseViewJson(sql, tables, 'P1', 'timeline', revisionSql && { id: 'patient-P1', revisionSql });
      expect(withStream).toEqual({ revision: 1, json: Buffer.from('{"entries":["a"]}'), error: null, streamRevision: 2, sealedIdentifiers: false });
      expect(await findCourseViewJson(sql, tables, 'P1', 'timeline')).toEqual({ revision: 1, json: Buffer.from('{"entries":["a"]}'), error: null, sealedIdentifiers: false });
      expect(await findCourseViewJson(sql, tables, 'P1', 'swimmer')).toEqual({ revision: 1, json: null, error: null, sealedIdentifiers: false });
      expect(await findCourseViewJson(sql, tables, 'P2', 'timeline', revisionSql && { id: 'patient-P2', revisionSql })).toBeUndefined();

      const error = { eventId: randomUUID(), position: 3, type: 'LabMeasured', message: 'no unit "é"' };
      await saveCourseViews(sql, tables, [{ patientId: 'P1', record: { ...emptyRecord('P1'), revision: 2, position: 3 }, error }]);
      // A stopped patient's documents stay as they were, and so does what the row said of them.
      expect(await findCourseViewJson(sql, tables, 'P1', 'timeline')).toEqual({ revision: 2, json: Buffer.from('{"entries":["a"]}'), error, sealedIdentifiers: false });

      const sealedFact = { eventId: randomUUID(), type: 'PatientEnrolled' as const, data: { identifiers: { sealed: 'A'.repeat(60) } }, recordedAt: '', recordedBy: '', revision: 0, position: 4, amendments: [], retracted: false };
      await saveCourseViews(sql, tables, [{ patientId: 'P3', record: { patientId: 'P3', facts: [sealedFact], revision: 0, position: 4 }, views: viewTextsOf({ timeline: {} }) }]);
      expect((await findCourseViewJson(sql, tables, 'P3', 'timeline'))?.sealedIdentifiers).toBe(true);
      // Rows written before views rows said it: unknown.
      await sql.query(`update ${tables.views} set sealed_identifiers = null where patient_id = 'P3'`);
      expect(await findCourseViewJson(sql, tables, 'P3', 'timeline')).not.toHaveProperty('sealedIdentifiers');
    } finally {
      await store.close();
    }
  });
});

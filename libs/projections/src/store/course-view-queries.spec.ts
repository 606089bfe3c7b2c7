import { openStorage } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { emptyRecord } from '../course-record.js';
import { saveCourseViews, viewTextsOf } from './course-view-store.js';
import { findCourseViewJson } from './course-view-queries.js';
import { tablesOf } from './generations.js';
import { migrateViews } from './view-migrations.js';

const fact = () => ({ eventId: randomUUID(), type: 'LabMeasured', data: { analyte: 'IL-6' }, metadata: {} });

describe('reading one stored view', () => {
  it("sends the view as stored, with the revision it was projected at and, from the same database, the stream's own", async () => {
    const { store, sql } = await openStorage({ kind: 'embedded' });
    try {
      await migrateViews(sql);
      const tables = tablesOf('views', 1);
      await store.append({ streamId: 'patient-P1', events: [fact(), fact(), fact()], expectedRevision: 'no-stream' });
      await saveCourseViews(sql, tables, [{ patientId: 'P1', record: { ...emptyRecord('P1'), revision: 1, position: 2 }, views: viewTextsOf({ timeline: { entries: ['a'] } }) }]);
      const revisionSql = store.capabilities.streamRevisionSql;
      expect(revisionSql).toBeDefined();

      const withStream = await findCourseViewJson(sql, tables, 'P1', 'timeline', revisionSql && { id: 'patient-P1', revisionSql });
      expect(withStream).toEqual({ revision: 1, json: '{"entries":["a"]}', error: null, streamRevision: 2 });
      expect(await findCourseViewJson(sql, tables, 'P1', 'timeline')).toEqual({ revision: 1, json: '{"entries":["a"]}', error: null });
      expect(await findCourseViewJson(sql, tables, 'P1', 'swimmer')).toEqual({ revision: 1, json: null, error: null });
      expect(await findCourseViewJson(sql, tables, 'P2', 'timeline', revisionSql && { id: 'patient-P2', revisionSql })).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

import type { RecordedPatientEvent } from '@app/domain';
import { emptyRecord, type CourseRecord } from '../course-record.js';
import { unpackView } from '../store/packed-view.js';
import type { CourseViewRow } from '../store/course-view-store.js';
import { projectBatch } from './project-batch.js';

/** A stored lab value or diagnosis of patient P1, read as the domain's event. */
const stored = (revision: number, type = 'LabValueMeasured') => ({ streamId: 'patient-P1', position: revision + 1, eventId: `e${revision}`, type, revision });
const read = (s: ReturnType<typeof stored>): RecordedPatientEvent =>
  ({
    type: s.type,
    patientId: 'P1',
    revision: s.revision,
    position: s.position,
    data: { occurredOn: '2021-01-01' },
    metadata: { eventId: s.eventId, recordedAt: '2021-01-01T00:00:00Z', recordedBy: 'test', source: 'test' },
  }) as unknown as RecordedPatientEvent;
const patientOf = () => 'P1';
// `facts` changes with every fact; `kinds` only with a fact of a new kind.
const derive = (record: CourseRecord) => ({ facts: record.facts.length, kinds: [...new Set(record.facts.map((f) => f.type))].sort() });
const written = (row: CourseViewRow | undefined) => Object.fromEntries((row?.views ?? []).map(([view, packed]) => [view, JSON.parse(unpackView(packed).toString('utf8')) as unknown]));

describe('a live batch of views', () => {
  it('carries every view the first time, then only those that changed since the digests it stood at', () => {
    const first = projectBatch([stored(0, 'DiagnosisRecorded'), stored(1)], new Map(), patientOf, read, derive, true);
    const row = first.rows[0] as CourseViewRow;
    expect(written(row)).toEqual({ facts: 2, kinds: ['DiagnosisRecorded', 'LabValueMeasured'] });

    // Another lab value: the count changes, the kinds do not.
    const second = projectBatch([stored(2)], new Map([['P1', row]]), patientOf, read, derive, true);
    expect(written(second.rows[0])).toEqual({ facts: 3 });
    expect(second.rows[0]?.digests?.get('kinds')).toBe(row.digests?.get('kinds'));

    // A fact of a new kind changes both.
    const third = projectBatch([stored(3, 'DeathRecorded')], new Map([['P1', second.rows[0] as CourseViewRow]]), patientOf, read, derive, true);
    expect(written(third.rows[0])).toEqual({ facts: 4, kinds: ['DeathRecorded', 'DiagnosisRecorded', 'LabValueMeasured'] });
  });

  it('writes every view where the last written ones are not known (a row read from the store), and none are digested for a rebuild', () => {
    const prior: CourseViewRow = { patientId: 'P1', record: { ...emptyRecord('P1'), revision: -1, position: 0 } };
    const live = projectBatch([stored(0)], new Map([['P1', prior]]), patientOf, read, derive, true);
    expect(Object.keys(written(live.rows[0]))).toEqual(['facts', 'kinds']);
    const rebuilt = projectBatch([stored(0)], new Map(), patientOf, read, derive);
    expect(Object.keys(written(rebuilt.rows[0]))).toEqual(['facts', 'kinds']);
    expect(rebuilt.rows[0]?.digests).toBeUndefined();
  });
});

import type { RecordedPatientEvent } from '@app/domain';
import { fixtureEvents } from '../../../../test/support/fixture-events.js';
import { recordOf } from '../course-record.js';
import { buildTimeline } from './build-timeline.js';

const seed001 = fixtureEvents('seed-001.ndjson').get('seed001-P01') ?? [];
const CRS_DAY_1 = '476488ae-2257-4994-8e8b-c426053c98a8';
const TOCILIZUMAB_DAY_8 = '0519a860-f834-417e-9944-b00577fe4bb6';

const original = (eventId: string) => {
  const event = seed001.find((e) => e.metadata.eventId === eventId);
  if (!event) throw new Error(`fixture has no ${eventId}`);
  return event;
};

/** Appends a correction or retraction to the fixture stream, as the store would return it. */
function appended(body: { type: 'EventCorrected' | 'EventRetracted'; data: Record<string, unknown> }, eventId: string, recordedBy: string): RecordedPatientEvent[] {
  const last = seed001.at(-1);
  const metadata = { eventId, patientId: 'seed001-P01', schemaVersion: 1, recordedAt: '2026-02-01T09:30:00.000Z', recordedBy };
  const event = { ...body, metadata, revision: (last?.revision ?? 0) + 1, position: (last?.position ?? 0) + 1 } as RecordedPatientEvent;
  return [...seed001, event];
}

describe('corrections and retractions on the timeline', () => {
  describe('given a CRS grade corrected by a data manager', () => {
    const crs = original(CRS_DAY_1);
    const stream = appended({ type: 'EventCorrected', data: { targetEventId: CRS_DAY_1, correctedData: { ...crs.data, grade: 3 }, reason: 'hypotension needing a vasopressor' } }, 'c-1', 'dm-li');

    it('shows the current grade and lists what it replaced, who, when and why', () => {
      const timeline = buildTimeline(recordOf('seed001-P01', stream));
      const entry = timeline.entries.find((e) => e.eventId === CRS_DAY_1);
      expect(entry?.summary).toBe('CRS grade 3 (ASTCT)');
      expect(entry?.current).toMatchObject({ grade: 3 });
      expect(entry?.amendments).toEqual([
        { eventId: 'c-1', kind: 'correction', recordedAt: '2026-02-01T09:30:00.000Z', recordedBy: 'dm-li', reason: 'hypotension needing a vasopressor', replacedData: crs.data },
      ]);
      expect(timeline.header.counts).toEqual({ entries: seed001.length, retracted: 0, corrected: 1 });
    });
  });

  describe('given a tocilizumab date corrected from Day +8 to Day +2', () => {
    const toci = original(TOCILIZUMAB_DAY_8);
    const correctedData = { ...toci.data, occurredOn: '2021-10-05', sourceDay: { day: 2, relativeTo: 'car-t-infusion' } };
    const stream = appended({ type: 'EventCorrected', data: { targetEventId: TOCILIZUMAB_DAY_8, correctedData, reason: 'drug chart' } }, 'c-2', 'dm-wu');

    it('moves the fact to its corrected place and counts days from the corrected date', () => {
      const { entries } = buildTimeline(recordOf('seed001-P01', stream));
      const crsAt = entries.findIndex((e) => e.eventId === CRS_DAY_1);
      const entry = entries[crsAt + 1];
      expect([entry?.eventId, entry?.occurredOn, entry?.fromInfusion.label, entry?.sourceDay?.day]).toEqual([TOCILIZUMAB_DAY_8, '2021-10-05', 'Day +2', 2]);
      expect(entry?.amendments.map((a) => a.replacedData?.['occurredOn'])).toEqual(['2021-10-11']);
    });
  });

  describe('given the tocilizumab retracted as entered in error', () => {
    const stream = appended({ type: 'EventRetracted', data: { targetEventId: TOCILIZUMAB_DAY_8, reason: 'entered for the wrong patient' } }, 'r-1', 'dm-li');

    it('hides the fact and counts it as retracted', () => {
      const timeline = buildTimeline(recordOf('seed001-P01', stream));
      expect(timeline.entries.map((e) => e.eventId)).not.toContain(TOCILIZUMAB_DAY_8);
      expect(timeline.header.counts).toEqual({ entries: seed001.length - 1, retracted: 1, corrected: 0 });
    });
  });
});

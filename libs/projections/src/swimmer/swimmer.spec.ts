import type { RecordedPatientEvent } from '@app/domain';
import { fixtureEvents } from '../../../../test/support/fixture-events.js';
import { recordOf } from '../course-record.js';
import { swimmerDataset } from './swimmer-dataset.js';
import { swimmerRow } from './swimmer-row.js';

const cohort = fixtureEvents('seed-000.ndjson');
const records = [...cohort].map(([patientId, events]) => recordOf(patientId, events));
const seed001 = fixtureEvents('seed-001.ndjson').get('seed001-P01') ?? [];

describe('the cohort swimmer dataset', () => {
  describe('given the eight children of seed 000', () => {
    const rows = swimmerDataset(records);

    it('draws one bar each, longest follow-up first, with the days of the fixture header', () => {
      expect(rows.map((r) => [r.patientId.slice(-4), r.firstInfusion.occurredOn, r.followUp.days])).toEqual([
        ['S001', '2017-09-27', 1199],
        ['S002', '2018-04-08', 1010],
        ['S003', '2018-08-30', 860],
        ['S004', '2019-01-25', 720],
        ['S005', '2019-06-25', 560],
        ['S006', '2019-09-20', 479],
        ['S007', '2020-05-10', 250],
        ['S008', '2020-07-24', 178],
      ]);
    });

    it('matches the published follow-up in 30-day months (mean 21.9, range 5.93-39.97), and gives 30.4375-day months by default', () => {
      const days = rows.map((r) => r.followUp.days ?? NaN);
      const byThirty = days.map((d) => Math.round((d / 30) * 100) / 100);
      expect([Math.max(...byThirty), Math.min(...byThirty)]).toEqual([39.97, 5.93]);
      expect(days.reduce((a, b) => a + b, 0) / days.length / 30).toBeCloseTo(21.9, 2);
      expect(rows[0]?.followUp.months).toBeCloseTo(1199 / 30.4375, 10);
      expect(swimmerDataset(records, { daysPerMonth: 30 })[0]?.followUp.months).toBeCloseTo(39.97, 2);
    });

    it('marks CR for everyone, HSCT for S001, relapse and a second infusion for S002, S004 and S006', () => {
      const kinds = (id: string) => rows.find((r) => r.patientId === `seed000-${id}`)?.markers.map((m) => `${m.kind}@${m.day}`);
      expect(kinds('S001')).toEqual(['response@28', 'hsct@196']);
      expect(kinds('S002')).toEqual(['response@28', 'relapse@771', 'infusion@805', 'response@833']);
      expect(kinds('S004')).toEqual(['response@28', 'relapse@512', 'infusion@546', 'response@574']);
      expect(kinds('S006')).toEqual(['response@28', 'relapse@301', 'infusion@335', 'response@363']);
      for (const id of ['S003', 'S005', 'S007', 'S008']) expect(kinds(id)).toEqual(['response@28']);
      expect(rows.every((r) => r.markers.some((m) => m.kind === 'response' && m.result === 'CR'))).toBe(true);
      expect(rows.flatMap((r) => r.markers).filter((m) => m.kind === 'infusion').map((m) => m.kind === 'infusion' && m.infusionNumber)).toEqual([2, 2, 2]);
    });

    it('has nobody dead and everyone followed up, alive without disease', () => {
      expect(rows.flatMap((r) => r.markers).some((m) => m.kind === 'death')).toBe(false);
      expect(rows.map((r) => [r.end.kind, r.followUpOngoing, r.status])).toEqual(Array(8).fill(['last-contact', true, 'alive-without-disease']));
    });

    it('leaves MRD status unknown where no MRD value was recorded', () => {
      expect(rows.flatMap((r) => r.markers).every((m) => m.kind !== 'response' || m.mrdNegative === null)).toBe(true);
    });
  });

  describe('given seed 001, whose first infusion is dated only to October 2020', () => {
    const row = swimmerRow(recordOf('seed001-P01', seed001));

    it('gives the bar a span of days instead of a count, and flags the MRD-negative CR', () => {
      expect(row?.followUp).toEqual({ days: null, span: { min: 491, max: 521 }, months: null });
      expect(row?.markers.map((m) => [m.kind, m.occurredOn, m.kind === 'response' ? m.mrdNegative : null])).toEqual([
        ['response', '2020-11', true],
        ['hsct', '2021-02', null],
        ['response', '2021-03', null],
        ['relapse', '2021-04', null],
        ['progression', '2021-08', null],
        ['infusion', '2021-10-03', null],
        ['response', '2022-01', null],
      ]);
    });
  });

  describe('given a patient who died', () => {
    const s008 = cohort.get('seed000-S008') ?? [];
    const last = s008.at(-1) as RecordedPatientEvent;
    const death = {
      type: 'DeathRecorded',
      data: { occurredOn: '2021-02-01', cause: 'infection' },
      metadata: { eventId: 'd-1', patientId: 'seed000-S008', schemaVersion: 1, recordedAt: '2026-02-01T00:00:00.000Z', recordedBy: 'dm-li' },
      revision: last.revision + 1,
      position: last.position + 1,
    } as RecordedPatientEvent;

    it('ends the bar at death, with a death marker', () => {
      const row = swimmerRow(recordOf('seed000-S008', [...s008, death]));
      expect([row?.end.kind, row?.followUp.days, row?.followUpOngoing, row?.status, row?.markers.at(-1)?.kind]).toEqual(['death', 192, false, 'dead', 'death']);
    });
  });

  describe('given a patient never infused', () => {
    it('draws no bar', () => {
      const enrolledOnly = (cohort.get('seed000-S001') ?? []).filter((e) => e.type !== 'CarTInfused');
      expect(swimmerRow(recordOf('seed000-S001', enrolledOnly))).toBeUndefined();
      expect(swimmerDataset([recordOf('seed000-S001', enrolledOnly), ...records])).toHaveLength(8);
    });
  });

  describe('given rows already projected one patient at a time', () => {
    it('stacks them as it stacks records', () => {
      const rows = records.map((r) => swimmerRow(r)).filter((r) => r !== undefined).reverse();
      expect(swimmerDataset(rows)).toEqual(swimmerDataset(records));
    });
  });
});

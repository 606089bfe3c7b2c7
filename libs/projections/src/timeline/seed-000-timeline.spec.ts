import { fixtureEvents } from '../../../../test/support/fixture-events.js';
import { recordOf } from '../course-record.js';
import { buildTimeline } from './build-timeline.js';
import type { TimelineEntry } from './timeline.js';

const cohort = fixtureEvents('seed-000.ndjson');
const timelineOf = (patientId: string) => buildTimeline(recordOf(patientId, cohort.get(patientId) ?? []));

describe('the timelines of seed 000', () => {
  describe('given S004, infused twice', () => {
    const { entries } = timelineOf('seed000-S004');
    const on = (date: string, type: TimelineEntry['type']): TimelineEntry => {
      const entry = entries.find((e) => e.occurredOn === date && e.type === type);
      if (!entry) throw new Error(`no ${type} on ${date}`);
      return entry;
    };
    const place = (e: TimelineEntry) => [e.fromInfusion.infusionNumber, e.fromInfusion.days, e.phase];

    it('counts lymphodepletion from the infusion it prepares, and the infusion as Day 0', () => {
      expect(place(on('2019-01-21', 'LymphodepletionGiven'))).toEqual([1, -4, 'lymphodepletion']);
      expect(place(on('2019-01-25', 'CarTInfused'))).toEqual([1, 0, 'after-infusion-1']);
      expect(place(on('2020-07-20', 'LymphodepletionGiven'))).toEqual([2, -4, 'lymphodepletion']);
      expect(place(on('2020-07-24', 'CarTInfused'))).toEqual([2, 0, 'after-infusion-2']);
    });

    it('gives CRS, ICANS and the labs the days the source gave', () => {
      const crs = on('2019-01-28', 'AdverseEventRecorded');
      expect([crs.summary, crs.sourceDay?.day, crs.fromInfusion.label, crs.phase]).toEqual(['CRS grade 1 (ASTCT)', 3, 'Day +3', 'after-infusion-1']);
      const labs = entries.filter((e) => e.type === 'LabMeasured');
      expect(labs.map((e) => [e.summary, e.sourceDay?.day, e.fromInfusion.days, e.phase])).toEqual([
        ['IL-6 26.62 pg/mL (PB)', 6, 6, 'after-infusion-1'],
        ['IL-6 1272.27 pg/mL (CSF)', 6, 6, 'after-infusion-1'],
        ['IFN-gamma 64.3 pg/mL (PB)', 7, 7, 'after-infusion-1'],
        ['CAR copies 8120 copies/ug DNA (PB)', 7, 7, 'after-infusion-1'],
        ['CAR copies 2260 copies/ug DNA (PB)', 14, 14, 'after-infusion-1'],
      ]);
    });

    it('counts the relapse before the second CAR-T from the first, and later facts from both', () => {
      expect(place(on('2020-06-20', 'RelapseRecorded'))).toEqual([1, 512, 'after-infusion-1']);
      expect(on('2020-08-21', 'ResponseAssessed').byInfusion.map((b) => b.offset.label)).toEqual(['Day +574', 'Day +28']);
    });

    it('has no infusion to count from before the first lymphodepletion', () => {
      const enrolment = on('2019-01-09', 'PatientEnrolled');
      expect([enrolment.phase, enrolment.fromInfusion.days, enrolment.fromInfusion.infusionNumber]).toEqual(['before-car-t', null, null]);
      expect(enrolment.byInfusion.map((b) => b.offset.label)).toEqual(['Day -16', 'Day -562']);
    });
  });

  describe('given every patient of the cohort', () => {
    it('agrees with each source "Day +N" counted from a CAR-T infusion', () => {
      for (const patientId of cohort.keys()) {
        for (const e of timelineOf(patientId).entries) {
          if (e.sourceDay?.relativeTo === 'car-t-infusion') expect([patientId, e.eventId, e.fromInfusion.days]).toEqual([patientId, e.eventId, e.sourceDay.day]);
        }
      }
    });
  });
});

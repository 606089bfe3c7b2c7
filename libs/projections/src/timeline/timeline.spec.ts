import { fixtureEvents } from '../../../../test/support/fixture-events.js';
import { recordOf } from '../course-record.js';
import { buildTimeline } from './build-timeline.js';
import type { TimelineEntry } from './timeline.js';

const events = fixtureEvents('seed-001.ndjson').get('seed001-P01') ?? [];
const timeline = buildTimeline(recordOf('seed001-P01', events));
const { entries } = timeline;

const at = (summaryStart: string): TimelineEntry => {
  const entry = entries.find((e) => e.summary.startsWith(summaryStart));
  if (!entry) throw new Error(`no entry "${summaryStart}" on the timeline`);
  return entry;
};
const indexOf = (entry: TimelineEntry): number => entries.indexOf(entry);

describe('the timeline of seed 001', () => {
  describe('given the case report recorded fact by fact', () => {
    it('shows every fact once, in clinical order', () => {
      expect(entries).toHaveLength(events.length);
      const keyFacts = [
        at('Diagnosis: B-ALL'),
        at('Chemotherapy: hyper-CVAD-A, re-induction'),
        at('Chemotherapy: hyper-CVAD-A, course 2'),
        at('Relapse: bone marrow'),
        entries.find((e) => e.type === 'LymphodepletionGiven' && e.occurredOn === '2020-10'),
        at('CAR-T infusion #1'),
        at('HSCT: haploidentical'),
        at('Relapse: eye'),
        at('Progression: gut, retroperitoneum, pelvis'),
        entries.find((e) => e.type === 'LymphodepletionGiven' && e.occurredOn === '2021-09-29'),
        at('CAR-T infusion #2'),
        entries.find((e) => e.type === 'AdverseEventRecorded' && e.occurredOn === '2021-10-04'),
        at('tocilizumab 480 mg'),
        at('Last contact'),
      ];
      const positions = keyFacts.map((e) => (e ? indexOf(e) : -1));
      expect(positions).not.toContain(-1);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(entries.at(-1)?.summary).toBe('Last contact: alive without disease');
      expect(entries.at(-1)?.occurredOn).toBe('2022-03-06');
    });

    it('puts the diagnosis first among the facts dated to the day, with a July 2020 induction at the start of its month', () => {
      // "2020-07" can stand for 1 July: by the earliest-day rule it precedes 21 July.
      expect(entries.slice(0, 3).map((e) => [e.occurredOn, e.type])).toEqual([
        ['2020-07', 'ChemotherapyAdministered'],
        ['2020-07-21', 'PatientEnrolled'],
        ['2020-07-21', 'DiagnosisRecorded'],
      ]);
      expect(at('Diagnosis: B-ALL').fromDiagnosis).toEqual({ days: 0, label: 'Day 0' });
    });

    it('keeps partial dates as recorded and gives no day offsets for them', () => {
      const infusion1 = at('CAR-T infusion #1');
      expect(infusion1.summary).toBe('CAR-T infusion #1: CD19, autologous, 2.99e6 cells/kg');
      expect([infusion1.occurredOn, infusion1.precision]).toEqual(['2020-10', 'month']);
      expect(infusion1.fromInfusion).toEqual({ days: null, label: null, why: 'partial date', infusionNumber: 1 });
      expect(infusion1.fromDiagnosis).toEqual({ days: null, label: null, why: 'partial date' });
      const crs1 = entries.find((e) => e.type === 'AdverseEventRecorded' && e.occurredOn === '2020-10');
      expect(crs1?.sourceDay).toEqual({ day: 7, relativeTo: 'car-t-infusion' });
      expect(crs1?.fromInfusion.days).toBeNull();
    });

    it('counts days around the second infusion from its full date, 3 October 2021', () => {
      const days = (e: TimelineEntry | undefined) => [e?.fromInfusion.infusionNumber, e?.fromInfusion.label, e?.phase];
      expect(days(entries.find((e) => e.occurredOn === '2021-09-29'))).toEqual([2, 'Day -4', 'lymphodepletion']);
      expect(days(at('CAR-T infusion #2'))).toEqual([2, 'Day 0', 'after-infusion-2']);
      expect(days(entries.find((e) => e.occurredOn === '2021-10-04'))).toEqual([2, 'Day +1', 'after-infusion-2']);
      expect(days(at('tocilizumab 480 mg'))).toEqual([2, 'Day +8', 'after-infusion-2']);
      expect(days(at('CAR-T cells 78.1%'))).toEqual([2, 'Day +14', 'after-infusion-2']);
      expect(at('CAR-T infusion #2').fromDiagnosis.label).toBe('Day +439');
    });

    it('counts a fact from every infusion, where the dates allow', () => {
      expect(at('tocilizumab 480 mg').byInfusion.map((b) => [b.infusionNumber, b.offset.label ?? (b.offset.days === null && b.offset.why)])).toEqual([
        [1, 'partial anchor date'],
        [2, 'Day +8'],
      ]);
    });

    it('places each fact in its phase', () => {
      const phaseOf = (e: TimelineEntry | undefined) => e?.phase;
      expect(phaseOf(at('Relapse: bone marrow'))).toBe('before-car-t');
      expect(phaseOf(entries.find((e) => e.type === 'LymphodepletionGiven' && e.occurredOn === '2020-10'))).toBe('lymphodepletion');
      expect(phaseOf(at('CAR-T infusion #1'))).toBe('after-infusion-1');
      expect(phaseOf(at('CRS grade 2'))).toBe('after-infusion-1');
      expect(phaseOf(at('HSCT'))).toBe('after-infusion-1');
      expect(phaseOf(at('Chronic GVHD'))).toBe('after-infusion-1');
      expect(phaseOf(at('Last contact'))).toBe('after-infusion-2');
      const phases = entries.map((e) => e.phase).filter((p, i, all) => p !== all[i - 1]);
      expect(phases).toEqual(['before-car-t', 'lymphodepletion', 'after-infusion-1', 'lymphodepletion', 'after-infusion-2']);
    });

    it('sums the course up in its header', () => {
      expect(timeline.header).toEqual({
        patientId: 'seed001-P01',
        diagnosedOn: '2020-07-21',
        infusions: [
          { infusionNumber: 1, eventId: 'adbd8c3b-f3e3-495d-9dc8-1886b7c551ac', occurredOn: '2020-10' },
          { infusionNumber: 2, eventId: '78283e0f-43c0-4dab-9f02-eb6e34ae541f', occurredOn: '2021-10-03' },
        ],
        end: { kind: 'last-contact', eventId: '0393ea54-e033-4d82-a148-ffd4016e4268', occurredOn: '2022-03-06' },
        counts: { entries: events.length, retracted: 0, corrected: 0 },
      });
    });

    it('words each fact as a clinician would read it', () => {
      expect(at('Relapse: eye').summary).toBe('Relapse: eye (isolated extramedullary)');
      expect(at('Progression').summary).toBe('Progression: gut, retroperitoneum, pelvis, TdT+ PAX5+ CD19+ CD22+');
      expect(entries.find((e) => e.occurredOn === '2021-10-04')?.summary).toBe('CRS grade 2 (ASTCT)');
      expect(entries.find((e) => e.occurredOn === '2021-09-29')?.summary).toBe(
        'Lymphodepletion: fludarabine 30 mg/m2/day Days -4..-2, cyclophosphamide 500 mg/m2/day Days -3..-2',
      );
      expect(at('Response: CR, MRD 0.011%').occurredOn).toBe('2020-09');
    });
  });
});

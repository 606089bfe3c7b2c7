import { compareClinicalDates, type EventType } from '@app/domain';
import fc from 'fast-check';
import type { CourseRecord, RecordedFact } from '../course-record.js';
import { buildTimeline } from './build-timeline.js';

/** Content that each type's summary can word; the dates are what these tests are about. */
const DATA: Partial<Record<EventType, Record<string, unknown>>> = {
  PatientEnrolled: { studyId: 'S', siteId: 'site', subjectId: 'P', sex: 'female' },
  DiagnosisRecorded: { disease: 'B-ALL', immunophenotype: ['CD19'], cytogenetics: [], fusionGenes: [], mutations: [] },
  LymphodepletionGiven: { agents: [{ drug: 'fludarabine', dosePerDay: { value: 30, unit: 'mg/m2' }, days: [-4, -3, -2] }] },
  CarTInfused: { product: { target: 'CD19', source: 'autologous' }, dose: { value: 1e6, unit: 'cells/kg' } },
  LabMeasured: { analyte: 'IL-6', specimen: 'PB', value: 12.5, unit: 'pg/mL', qualifier: '=' },
  RelapseRecorded: { sites: [{ site: 'cns' }], antigens: [], confirmedBy: [] },
};
const CLINICAL_TYPES = ['DiagnosisRecorded', 'LymphodepletionGiven', 'CarTInfused', 'LabMeasured', 'RelapseRecorded'] as const;

interface GivenFact {
  readonly eventId: string;
  readonly type: EventType;
  readonly occurredOn: string;
}

/** A record built directly: the enrolment, then the given facts in the given recording order. */
function recordWith(facts: readonly GivenFact[]): CourseRecord {
  const all: GivenFact[] = [{ eventId: 'enrolment', type: 'PatientEnrolled', occurredOn: '2018-01-01' }, ...facts];
  const recorded: RecordedFact[] = all.map((f, i) => ({
    eventId: f.eventId,
    type: f.type,
    data: { ...DATA[f.type], occurredOn: f.occurredOn, ...(f.type === 'CarTInfused' && { infusionNumber: Number(f.eventId.slice(5)) + 1 }) },
    occurredOn: f.occurredOn,
    recordedAt: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
    recordedBy: 'test',
    revision: i,
    position: i + 1,
    amendments: [],
    retracted: false,
  }));
  return { patientId: 'P', facts: recorded, revision: recorded.length - 1, position: recorded.length };
}

const partialDate = fc
  .tuple(fc.integer({ min: 2019, max: 2021 }), fc.option(fc.integer({ min: 1, max: 12 })), fc.option(fc.integer({ min: 1, max: 28 })))
  .map(([y, m, d]) => (m === null ? `${y}` : d === null ? `${y}-${String(m).padStart(2, '0')}` : `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`));

describe('clinical order', () => {
  describe('given facts dated with every precision, recorded out of order', () => {
    const dates = ['2021-04', '2021-03-15', '2021', '2021-04-01', '2021-01-01', '2020-12'];
    const record = recordWith(dates.map((occurredOn, i) => ({ eventId: `fact-${i}`, type: 'LabMeasured', occurredOn })));

    it('sorts by the earliest day each date can stand for, a coarser date after a finer one on the same start', () => {
      const { entries } = buildTimeline(record);
      expect(entries.slice(1).map((e) => e.occurredOn)).toEqual(['2020-12', '2021-01-01', '2021', '2021-03-15', '2021-04-01', '2021-04']);
    });

    it('shows each date exactly as recorded, with its precision', () => {
      const { entries } = buildTimeline(record);
      expect(entries.slice(1).map((e) => e.precision)).toEqual(['month', 'day', 'year', 'day', 'day', 'month']);
    });
  });

  describe('given facts on the same date', () => {
    it('keeps them in the order they were recorded', () => {
      const record = recordWith(['b', 'a', 'c'].map((id) => ({ eventId: id, type: 'LabMeasured', occurredOn: '2020-05' })));
      expect(buildTimeline(record).entries.map((e) => e.eventId)).toEqual(['enrolment', 'b', 'a', 'c']);
    });
  });

  describe('given any recording order of the same clinical facts', () => {
    const facts = fc
      .uniqueArray(partialDate, { minLength: 1, maxLength: 14 })
      .chain((dates) => fc.tuple(...dates.map((occurredOn, i) => fc.constantFrom(...CLINICAL_TYPES).map((type): GivenFact => ({ eventId: `fact-${i}`, type, occurredOn })))));
    const withOrders = facts.chain((given) => fc.tuple(fc.constant(given), fc.shuffledSubarray(given, { minLength: given.length, maxLength: given.length })));

    it('gives the same timeline: order, phases and day offsets do not depend on when facts were learned', () => {
      fc.assert(
        fc.property(withOrders, ([given, reordered]) => {
          const view = (facts: readonly GivenFact[]) =>
            buildTimeline(recordWith(facts)).entries.map((e) => [e.eventId, e.phase, e.fromInfusion.label, e.fromDiagnosis.label, e.summary]);
          expect(view(reordered)).toEqual(view(given));
        }),
      );
    });

    it('lists entries in non-decreasing clinical date, however dates repeat', () => {
      const anyDates = fc.array(fc.tuple(partialDate, fc.constantFrom(...CLINICAL_TYPES)), { minLength: 1, maxLength: 20 });
      fc.assert(
        fc.property(anyDates, (given) => {
          const { entries } = buildTimeline(recordWith(given.map(([occurredOn, type], i) => ({ eventId: `fact-${i}`, type, occurredOn }))));
          const dated = entries.map((e) => e.occurredOn ?? '');
          dated.slice(1).forEach((d, i) => expect(compareClinicalDates(dated[i] as string, d)).toBeLessThanOrEqual(0));
        }),
      );
    });
  });
});

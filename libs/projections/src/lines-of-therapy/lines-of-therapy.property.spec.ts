import fc from 'fast-check';
import { compareClinicalDates, DomainError } from '@app/domain';
import { generateCohort } from '../../../../test/support/synthetic-cohort.js';
import { recordOf, standing, type CourseRecord } from '../course-record.js';
import { deriveLinesOfTherapy } from './derive-lines.js';
import type { LinesOfTherapy } from './line-of-therapy.js';
import { DEFAULT_LINE_RULES, type LineRules } from './line-rules.js';
import { recordedStreams } from '../../../../test/support/fixture-events.js';
import { TestCourse } from '../../../../test/support/test-course.js';

/** Synthetic patients, folded through the decider one line at a time as an import would record them. */
const cohortRecords = (patients: number, seed: number): CourseRecord[] =>
  [...recordedStreams(generateCohort({ patients, seed }))].map(([id, events]) => recordOf(id, events));

const STEPS = ['chemo-a', 'chemo-b', 'consolidation', 'bridging', 'ld', 'car-t', 'car-t-22', 'hsct', 'CR', 'CR-mrd', 'PR', 'NR', 'PD', 'relapse', 'progression', 'refractory', 'supportive', 'surgery', 'death', 'retract', 'correct'] as const;
type Step = { readonly what: (typeof STEPS)[number]; readonly gap: number; readonly monthOnly: boolean; readonly pick: number };

/** A random course: each step a few days after the last; steps the decider refuses are left out, as the API would refuse them. */
function randomCourse(steps: readonly Step[]): CourseRecord {
  const course = new TestCourse();
  const ids: string[] = [];
  let day = Date.parse('2020-02-01T00:00:00Z');
  for (const step of steps) {
    day += step.gap * 86_400_000;
    const iso = new Date(day).toISOString().slice(0, 10);
    const on = step.monthOnly ? iso.slice(0, 7) : iso;
    const target = ids[step.pick % Math.max(ids.length, 1)];
    const record = (): string | undefined => {
      switch (step.what) {
        case 'chemo-a': return course.chemo(on, 'hyper-CVAD-A');
        case 'chemo-b': return course.chemo(on, 'FLAG-IDA', 'salvage');
        case 'consolidation': return course.chemo(on, 'HD-MTX', 'consolidation');
        case 'bridging': return course.chemo(on, 'VP', 'bridging');
        case 'ld': return course.lymphodepletion(on);
        case 'car-t': return course.infusion(on);
        case 'car-t-22': return course.infusion(on, 2, 'CD19/CD22', 'donor-derived');
        case 'hsct': return course.hsct(on);
        case 'CR-mrd': return course.assess(on, 'CR', { mrd: { value: step.pick / 1000, unit: '%' } });
        case 'CR': case 'PR': case 'NR': case 'PD': return course.assess(on, step.what);
        case 'relapse': return course.relapse(on);
        case 'progression': return course.progression(on);
        case 'refractory': return course.progression(on, true);
        case 'supportive': return course.supportive(on);
        case 'surgery': return course.procedure(on);
        case 'death': return course.death(on);
        // Amendments are not facts a later step can point at.
        case 'retract': return void (target && course.retract(target));
        case 'correct': return void (target && course.correct(target, { occurredOn: on, method: ['morphology'], result: 'CR' }));
      }
    };
    try {
      const id = record();
      if (id) ids.push(id);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
    }
  }
  return course.record();
}

const stepArb: fc.Arbitrary<Step> = fc.record({ what: fc.constantFrom(...STEPS), gap: fc.integer({ min: 0, max: 90 }), monthOnly: fc.boolean(), pick: fc.nat({ max: 99 }) });
const rulesArb: fc.Arbitrary<LineRules> = fc.record({
  hsct: fc.constantFrom('consolidates-line-in-remission', 'consolidates-car-t-line-only', 'own-line'),
  drugChangeWithoutFailure: fc.constantFrom('opens-line', 'stays-in-line'),
  plannedContinuationIntents: fc.subarray(['consolidation', 'maintenance', 'bridging'] as const),
  refractoryResults: fc.subarray(['SD', 'NR', 'PD'] as const),
});

/** The invariants every derivation keeps, whatever the course and the rules. */
function checkLines(record: CourseRecord, rules: LineRules): void {
  const result: LinesOfTherapy = deriveLinesOfTherapy(record, rules);
  const { lines } = result;
  expect(lines.map((l) => l.number)).toEqual(lines.map((_, i) => i + 1));
  lines.forEach((line, i) => {
    const next = lines[i + 1];
    if (line.end !== undefined) expect(compareClinicalDates(line.start, line.end)).toBeLessThanOrEqual(0);
    if (!next) return;
    // Only the last line can be ongoing; the next one starts no earlier than this one ended.
    expect(line.end).toBeDefined();
    expect(compareClinicalDates(line.end ?? line.start, next.start)).toBeLessThanOrEqual(0);
  });
  const standingIds = new Set(standing(record).map((f) => f.eventId));
  const cited = lines.flatMap((l) => [...l.eventIds, ...[...l.regimens, ...l.consolidation].flatMap((r) => r.eventIds), l.outcome.eventId, l.bestResponse?.eventId ?? l.outcome.eventId]);
  expect(cited.filter((id) => !standingIds.has(id))).toEqual([]);
  const inLines = lines.flatMap((l) => l.eventIds);
  expect(new Set(inLines).size).toBe(inLines.length);
  const infusions = standing(record, 'CarTInfused').map((f) => f.eventId);
  expect(infusions.filter((id) => !inLines.includes(id))).toEqual([]);
  expect(deriveLinesOfTherapy(structuredClone(record), rules)).toEqual(result);
}

describe('lines of therapy, for any course', () => {
  it('given synthetic cohorts, then lines are numbered 1..n, in clinical order without overlap, made of standing facts, and the same every time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), rulesArb, (seed, rules) => {
        for (const record of cohortRecords(3, seed)) {
          checkLines(record, DEFAULT_LINE_RULES);
          checkLines(record, rules);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('given random sequences of facts, corrections and retractions, then the same holds', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), rulesArb, (steps, rules) => checkLines(randomCourse(steps), rules)),
      { numRuns: 300 },
    );
  });
});

import fc from 'fast-check';
import { decide, EVENT_TYPES, evolve, FactLine, initialState, type CourseState } from '@app/domain';
import { generateCohort } from './synthetic-cohort.js';

const cohort = (patients: number, seed: number, dates: { firstEnrolment?: string; today?: string } = {}): FactLine[] => [...generateCohort({ patients, seed, ...dates })];

/** Folds each patient's lines through the decider in recording order; returns what it refused. */
function refusals(lines: readonly FactLine[], now = '2026-01-01T00:00:00Z'): string[] {
  const states = new Map<string, CourseState>();
  const refused: string[] = [];
  lines.forEach((line, i) => {
    const state = states.get(line.patientId) ?? initialState();
    try {
      const command = { type: 'RecordFact', patientId: line.patientId, fact: { type: line.type, data: line.data }, metadata: { now, eventId: line.eventId ?? 'missing', recordedBy: 'gen' } } as const;
      states.set(line.patientId, decide(command, state).reduce(evolve, state));
    } catch (e) {
      refused.push(`line ${i + 1} ${line.patientId} ${line.type}: ${(e as Error).message}`);
    }
  });
  return refused;
}

const count = (lines: readonly FactLine[], type: string): number => lines.filter((l) => l.type === type).length;

describe('generateCohort', () => {
  describe('given 300 patients', () => {
    const seeds = [1, 42, 20251231];
    const cohorts = new Map(seeds.map((seed) => [seed, cohort(300, seed)]));

    it.each(seeds)('the decider accepts every line of seed %i', (seed) => {
      const lines = cohorts.get(seed) ?? [];
      expect(lines.filter((l) => !FactLine.safeParse(l).success)).toEqual([]);
      expect(refusals(lines)).toEqual([]);
    });

    it('gives unique v4-shaped event ids, across seeds too', () => {
      const ids = [...cohorts.values()].flat().map((l) => l.eventId);
      expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id ?? ''))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('holds a realistic mix: every event type, corrections, retractions, deaths, second infusions', () => {
      const lines = cohorts.get(1) ?? [];
      const missing = EVENT_TYPES.filter((type) => count(lines, type) === 0);
      const amended = (count(lines, 'EventCorrected') + count(lines, 'EventRetracted')) / lines.length;
      const secondInfusions = lines.filter((l) => l.type === 'CarTInfused' && (l.data as { infusionNumber: number }).infusionNumber === 2).length;
      expect(missing).toEqual([]);
      expect(amended).toBeGreaterThan(0.005);
      expect(amended).toBeLessThan(0.03);
      expect(count(lines, 'DeathRecorded')).toBeGreaterThan(15);
      expect(count(lines, 'DeathRecorded')).toBeLessThan(150);
      expect(secondInfusions).toBeGreaterThan(10);
      expect(lines.length / 300).toBeGreaterThanOrEqual(60);
      expect(lines.length / 300).toBeLessThanOrEqual(120);
    });
  });

  it('gives the same lines for the same seed, other lines for another seed', () => {
    expect(JSON.stringify(cohort(50, 7))).toBe(JSON.stringify(cohort(50, 7)));
    expect(JSON.stringify(cohort(50, 8))).not.toBe(JSON.stringify(cohort(50, 7)));
  });

  it('makes a smaller cohort a prefix of a larger one', () => {
    const small = cohort(20, 3);
    expect(cohort(40, 3).slice(0, small.length)).toEqual(small);
  });

  it('refuses nonsense options', () => {
    expect(() => cohort(1, 1, { today: '2025-02-30' })).toThrow(RangeError);
    expect(() => cohort(1, 1, { firstEnrolment: '2026-01-01', today: '2025-12-31' })).toThrow(RangeError);
    expect(() => cohort(-1, 1)).toThrow(RangeError);
  });

  it('property: for any seed, size and window, the decider accepts every line', () => {
    const day = 86_400_000;
    const window = fc.record({
      seed: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      patients: fc.integer({ min: 1, max: 12 }),
      today: fc.integer({ min: Date.UTC(2012, 0, 1) / day, max: Date.UTC(2025, 11, 31) / day }),
      span: fc.integer({ min: 0, max: 4000 }),
    });
    fc.assert(
      fc.property(window, ({ seed, patients, today, span }) => {
        const iso = (d: number): string => new Date(d * day).toISOString().slice(0, 10);
        const lines = cohort(patients, seed, { today: iso(today), firstEnrolment: iso(Math.max(today - span, Date.UTC(1990, 0, 1) / day)) });
        expect(refusals(lines, `${iso(today)}T23:59:59Z`)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

import { kaplanMeier } from '../kaplan-meier.js';
import { logRank } from '../log-rank.js';
import { medianSurvival } from '../median.js';
import { tabulate } from '../risk-table.js';
import { toSample, type Subject } from '../validate.js';

/**
 * How long Kaplan-Meier plus a two-group log-rank test take on n subjects (target: <= 1 s for
 * 1,000,000). Pure: the cohort comes from a seeded generator, time from performance.now().
 * `run-with-r.ts` runs R's survfit + survdiff on the same cohort and prints the ratio.
 */
export interface SurvivalBenchTimings {
  /** Validating the subject objects into typed arrays. */
  readonly validateMs: number;
  /** Sorting and counting: the risk table. */
  readonly tabulateMs: number;
  readonly kaplanMeierMs: number;
  readonly logRankMs: number;
  /** Everything above: from subject objects to curve and test, sorting once. */
  readonly totalMs: number;
  /** kaplanMeier(subjects) and logRank(subjects) called separately, each validating and sorting itself. */
  readonly separateCallsMs: number;
}

export interface SurvivalBenchResult {
  readonly n: number;
  readonly distinctTimes: number;
  readonly timings: SurvivalBenchTimings;
  readonly median: number | null;
  readonly chiSquare: number;
  readonly pValue: number;
}

/**
 * A reproducible two-arm cohort: exponential event times (hazard 1/400 per day in arm A, 1/360 in
 * B), uniform administrative censoring over 5 years, continuous times (nearly all distinct).
 */
export function benchCohort(n: number, seed = 20240601): Subject[] {
  const random = mulberry32(seed);
  const subjects: Subject[] = new Array<Subject>(n);
  for (let i = 0; i < n; i++) {
    const group = random() < 0.5 ? 'A' : 'B';
    const eventTime = -Math.log(1 - random()) * (group === 'A' ? 400 : 360);
    const censorTime = random() * 1826;
    subjects[i] = eventTime <= censorTime ? { time: eventTime, event: 1, group } : { time: censorTime, event: 0, group };
  }
  return subjects;
}

export function runSurvivalBench(n = 1_000_000, subjects: readonly Subject[] = benchCohort(n)): SurvivalBenchResult {
  const t0 = performance.now();
  const sample = toSample(subjects);
  const t1 = performance.now();
  const table = tabulate(sample);
  const t2 = performance.now();
  const curve = kaplanMeier(table);
  const median = medianSurvival(curve).median;
  const t3 = performance.now();
  const test = logRank(table);
  const t4 = performance.now();
  kaplanMeier(subjects);
  logRank(subjects);
  const t5 = performance.now();
  return {
    n: subjects.length,
    distinctTimes: table.time.length,
    timings: { validateMs: t1 - t0, tabulateMs: t2 - t1, kaplanMeierMs: t3 - t2, logRankMs: t4 - t3, totalMs: t4 - t0, separateCallsMs: t5 - t4 },
    median,
    chiSquare: test.chiSquare,
    pValue: test.pValue,
  };
}

// A small, fast, seedable generator (Tommy Ettinger's mulberry32): uniform on [0, 1).
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

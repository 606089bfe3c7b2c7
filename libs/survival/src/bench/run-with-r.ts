import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchCohort, runSurvivalBench, type SurvivalBenchResult } from './km-logrank.bench.js';

/**
 * bench:survival: libs/survival on n subjects (default 1,000,000; `--n 200000` to change), best of
 * three after a warm-up, then R's survfit + survdiff on the same cohort through
 * scripts/survival/survfit.R --bench when Rscript is on PATH, and the ratio.
 * Node-only, so it lives beside the pure benchmark rather than in the library.
 */
interface RBench {
  readonly versions: { readonly r: string; readonly survival: string };
  readonly seconds: { readonly survfit: number; readonly survdiff: number; readonly total: number };
  readonly median: number | 'NA';
  readonly chisq: number;
  readonly 'distinct.times': number;
}

export function benchWithR(n: number, root: string): { ours: SurvivalBenchResult; cold: SurvivalBenchResult; r: RBench | string } {
  const subjects = benchCohort(n);
  const cold = runSurvivalBench(n, subjects);
  runSurvivalBench(Math.min(n, 100_000));
  const runs = [runSurvivalBench(n, subjects), runSurvivalBench(n, subjects), runSurvivalBench(n, subjects)];
  const ours = runs.reduce((best, r) => (r.timings.totalMs < best.timings.totalMs ? r : best));

  const dir = mkdtempSync(join(tmpdir(), 'survival-bench-'));
  try {
    const csv = join(dir, 'cohort.csv');
    const lines = ['time,status,group'];
    for (const s of subjects) lines.push(`${s.time},${s.event},${s.group}`);
    writeFileSync(csv, lines.join('\n') + '\n');
    const run = spawnSync('Rscript', [join(root, 'scripts/survival/survfit.R'), csv, '--bench'], { encoding: 'utf8' });
    if (run.error !== undefined) return { ours, cold, r: `Rscript not run: ${run.error.message}` };
    if (run.status !== 0) return { ours, cold, r: `Rscript failed: ${run.stderr}` };
    return { ours, cold, r: JSON.parse(run.stdout) as RBench };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const at = process.argv.indexOf('--n');
  const n = at > 0 ? Number(process.argv[at + 1]) : 1_000_000;
  if (!Number.isInteger(n) || n < 1) throw new Error('--n expects a positive integer');
  const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
  const { ours, cold, r } = benchWithR(n, root.endsWith('/dist') ? resolve(root, '..') : root);
  const t = ours.timings;
  const ms = (v: number): string => `${v.toFixed(0)} ms`;
  console.log(`libs/survival, ${n.toLocaleString('en')} subjects, ${ours.distinctTimes.toLocaleString('en')} distinct times, 2 groups (best of 3):`);
  console.log(`  validate ${ms(t.validateMs)}, sort + count ${ms(t.tabulateMs)}, Kaplan-Meier + median ${ms(t.kaplanMeierMs)}, log-rank ${ms(t.logRankMs)}`);
  console.log(`  total ${ms(t.totalMs)} (target <= 1000 ms: ${t.totalMs <= 1000 ? 'met' : 'MISSED'}); first, cold run ${ms(cold.timings.totalMs)}`);
  console.log(`  kaplanMeier(subjects) and logRank(subjects) called separately (each sorts): ${ms(t.separateCallsMs)}`);
  console.log(`  median ${ours.median}, chi-square ${ours.chiSquare}, p ${ours.pValue}`);
  if (typeof r === 'string') {
    console.log(`R: ${r}`);
    return;
  }
  const rMs = r.seconds.total * 1000;
  console.log(`${r.versions.r}, survival ${r.versions.survival}: survfit ${ms(r.seconds.survfit * 1000)}, survdiff ${ms(r.seconds.survdiff * 1000)}, total ${ms(rMs)}`);
  console.log(`  median ${r.median}, chi-square ${r.chisq}; R / libs/survival = ${(rMs / t.totalMs).toFixed(1)}x`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();

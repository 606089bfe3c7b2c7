import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { compareWithR } from './testing/compare-with-r.js';
import type { RFigures } from './testing/r-figures.js';

// The oracle: random datasets through R's survival package and through this library; every figure
// must agree to 1e-9. Needs Rscript on PATH with the survival package; skipped, visibly, without.
// SURVIVAL_ORACLE_RUNS=500 for a longer hunt (each run starts R once, about a second).
const SCRIPT = fileURLToPath(new URL('../../../scripts/survival/survfit.R', import.meta.url));
const RUNS = Number(process.env['SURVIVAL_ORACLE_RUNS'] ?? 25);

function whyNoR(): string | null {
  const probe = spawnSync('Rscript', ['-e', 'suppressPackageStartupMessages(library(survival)); cat("ok")'], { encoding: 'utf8' });
  if (probe.error !== undefined) return `Rscript is not on PATH (${probe.error.message})`;
  if (probe.stdout !== 'ok') return `R's survival package does not load: ${probe.stderr.trim()}`;
  return null;
}

const noR = whyNoR();
if (noR !== null) console.warn(`libs/survival R oracle test SKIPPED: ${noR}. Install R (apt-get install r-base-core r-cran-survival) to run it.`);
const describeWithR = noR === null ? describe : describe.skip;

interface Dataset {
  readonly rows: readonly { time: number; status: 0 | 1; group: string }[];
  readonly grouped: boolean;
  readonly times: readonly number[];
  readonly tau: number | null;
  readonly confLevel: number;
}

const dataset: fc.Arbitrary<Dataset> = fc
  .record({
    groups: fc.integer({ min: 1, max: 4 }),
    grouped: fc.boolean(),
    // integer times tie a lot; hundredths rarely; near-ties exercise R's timefix
    scale: fc.constantFrom(1, 1, 10, 100),
    maxTime: fc.constantFrom(3, 10, 40, 200),
    censorPercent: fc.constantFrom(0, 20, 50, 90, 100),
    nearTiePercent: fc.constantFrom(0, 0, 10),
  })
  .chain(({ groups, grouped, scale, maxTime, censorPercent, nearTiePercent }) => {
    const subject = fc
      .record({
        raw: fc.integer({ min: 0, max: maxTime * scale }),
        censored: fc.integer({ min: 0, max: 99 }),
        nudged: fc.integer({ min: 0, max: 99 }),
        group: fc.integer({ min: 0, max: groups - 1 }),
      })
      .map(({ raw, censored, nudged, group }) => ({
        time: raw / scale + (nudged < nearTiePercent ? 1e-10 : 0),
        status: (censored < censorPercent ? 0 : 1) as 0 | 1,
        group: 'ABCD'[group]!,
      }));
    return fc.record({
      rows: fc.array(subject, { minLength: 1, maxLength: 200 }),
      grouped: fc.constant(grouped),
      times: fc.array(fc.integer({ min: 0, max: maxTime * 12 }).map((t) => t / 10), { minLength: 1, maxLength: 4 }),
      tau: fc.option(fc.integer({ min: 0, max: maxTime * 12 }).map((t) => t / 10), { nil: null }),
      confLevel: fc.constantFrom(0.95, 0.95, 0.9, 0.8, 0.99),
    });
  });

function runR(dir: string, d: Dataset): RFigures {
  const csv = join(dir, 'data.csv');
  writeFileSync(csv, ['time,status,group', ...d.rows.map((r) => `${r.time},${r.status},${d.grouped ? r.group : ''}`)].join('\n') + '\n');
  const args = [SCRIPT, csv, `--times=${d.times.join(',')}`, `--conf-level=${d.confLevel}`, ...(d.tau === null ? [] : [`--tau=${d.tau}`])];
  const run = spawnSync('Rscript', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`Rscript failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as RFigures;
}

describeWithR('libs/survival against R on random datasets (oracle)', () => {
  it('agrees with survfit, summary, quantile, print (median, rmean), survdiff and reverse KM to 1e-9', () => {
    const dir = mkdtempSync(join(tmpdir(), 'survival-oracle-'));
    try {
      fc.assert(
        fc.property(dataset, (d) => {
          const figures = runR(dir, d);
          expect(compareWithR(figures)).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, Math.max(120_000, RUNS * 4_000));
});

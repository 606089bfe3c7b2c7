import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compareWithR } from './testing/compare-with-r.js';
import type { RFigures } from './testing/r-figures.js';

// Golden fixtures: R's answers, written by scripts/survival/make-golden.R; every number must agree
// to 1e-9 relative (1e-12 absolute near 0).
const DIR = fileURLToPath(new URL('../../../test/fixtures/survival/', import.meta.url));
const goldens = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && f !== 'distributions.json')
  .sort()
  .map((f) => JSON.parse(readFileSync(DIR + f, 'utf8')) as RFigures & { name: string; description: string });

describe('libs/survival against R golden fixtures', () => {
  it('has the fixtures, each made by R survival 3.x', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(17);
    for (const g of goldens) expect(g.versions.survival).toMatch(/^3\./);
  });

  it('reports a figure moved by 1e-8 relative, an NA turned into a number, a missing error', () => {
    const aml = goldens.find((g) => g.name === 'aml')!;
    const surv = [...aml.curves.log.table.surv];
    surv[3] = (surv[3] as number) * (1 + 1e-8);
    const moved = { ...aml, curves: { ...aml.curves, log: { ...aml.curves.log, table: { ...aml.curves.log.table, surv } } } };
    expect(compareWithR(moved)).toEqual([expect.stringMatching(/^log\.table\.surv\[3\]: ours/)]);
    const median = { ...aml.curves.plain.median, upper: 1 };
    expect(compareWithR({ ...aml, curves: { ...aml.curves, plain: { ...aml.curves.plain, median } } })).toEqual([expect.stringMatching(/^plain\.median\.upper/)]);
    const singular = goldens.find((g) => g.name === 'singular-log-rank')!;
    expect(compareWithR({ ...singular, 'log.rank': { ...aml['log.rank']!, groups: ['a', 'b'] } }).length).toBeGreaterThan(0);
  });

  it.each(goldens.map((g) => [g.name, g] as const))('%s: every figure agrees with R', (_name, golden) => {
    expect(compareWithR(golden)).toEqual([]);
  });
});

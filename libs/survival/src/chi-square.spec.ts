import { readFileSync } from 'node:fs';
import { chiSquareUpperTail } from './chi-square.js';
import { regularizedGammaP, regularizedGammaQ } from './gamma.js';
import { normalQuantile } from './normal-quantile.js';

interface Distributions {
  readonly chisq: { readonly x: number[]; readonly df: number[]; readonly upper: number[] };
  readonly gamma: { readonly a: number[]; readonly x: number[]; readonly lower: number[] };
  readonly qnorm: { readonly p: number[]; readonly z: number[] };
}
const R = JSON.parse(readFileSync(new URL('../../../test/fixtures/survival/distributions.json', import.meta.url), 'utf8')) as Distributions;
const relative = (ours: number, theirs: number): number => (theirs === 0 ? Math.abs(ours) : Math.abs(ours / theirs - 1));

describe('chi-square upper tail (the log-rank p-value)', () => {
  it('matches R pchisq(x, df, lower.tail = FALSE) to 1e-12 relative, tails down to 1e-300 included', () => {
    const worst = R.chisq.x.map((x, i) => ({ x, df: R.chisq.df[i]!, err: relative(chiSquareUpperTail(x, R.chisq.df[i]!), R.chisq.upper[i]!) }));
    expect(worst.filter((w) => !(w.err < 1e-12))).toEqual([]);
  });

  it('has the closed forms for 1 and 2 degrees of freedom', () => {
    expect(chiSquareUpperTail(3.841458820694124, 1)).toBeCloseTo(0.05, 14);
    for (const x of [0.3, 2, 9, 40]) expect(relative(chiSquareUpperTail(x, 2), Math.exp(-x / 2))).toBeLessThan(1e-14);
  });

  it('follows R at the edges: 1 at 0, 0 at infinity, p = 1 with 0 degrees of freedom at 0, NaN with negative df', () => {
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    expect(chiSquareUpperTail(Infinity, 3)).toBe(0);
    expect(chiSquareUpperTail(0, 0)).toBe(1);
    expect(chiSquareUpperTail(0, -1)).toBeNaN();
  });
});

describe('regularised incomplete gamma', () => {
  it('matches R pgamma to 1e-13 relative on both sides of x = a + 1, and P + Q = 1', () => {
    R.gamma.a.forEach((a, i) => {
      const x = R.gamma.x[i]!;
      expect(relative(regularizedGammaP(a, x), R.gamma.lower[i]!)).toBeLessThan(1e-13);
      expect(Math.abs(regularizedGammaP(a, x) + regularizedGammaQ(a, x) - 1)).toBeLessThan(1e-15);
    });
  });
});

describe('normal quantile (AS 241, as R qnorm)', () => {
  it('matches R qnorm to 1e-15 relative from 1e-300 to 1 - 1e-10', () => {
    R.qnorm.p.forEach((p, i) => expect(relative(normalQuantile(p), R.qnorm.z[i]!)).toBeLessThan(1e-15));
  });
});

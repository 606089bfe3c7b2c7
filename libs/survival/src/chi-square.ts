import { regularizedGammaQ } from './gamma.js';

/**
 * Upper tail of the chi-square distribution with df degrees of freedom,
 *     P(X > x) = Q(df / 2, x / 2),
 * R's pchisq(x, df, lower.tail = FALSE). With df = 0 the distribution is a point mass at 0: R gives
 * 1 at x = 0 (the log-rank test's answer when fewer than two groups have expected events) and 0
 * beyond; so does this.
 * Reference: Abramowitz & Stegun 26.4.19; R documentation, ?pchisq.
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df < 0) return NaN;
  if (x <= 0) return 1;
  if (df === 0) return 0;
  return regularizedGammaQ(df / 2, x / 2);
}

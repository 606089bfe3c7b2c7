import type { KaplanMeierCurve } from './kaplan-meier.js';
import { SQRT_EPSILON } from './time-fix.js';

/**
 * Median survival and its confidence interval as print(fit) reports them (survival:::survmean):
 *     median = min { t_j : S(t_j) < 0.5 + tol },  tol = sqrt(.Machine$double.eps),
 * except that when that S(t_j) is 0.5 (within tol), i.e. the curve is flat at one half, the median is
 * the midpoint between t_j and the first later time at which the curve drops below it. With no such
 * later drop (the curve ends at one half) it stays t_j. The limits apply the same rule to the lower
 * and the upper confidence curves (Brookmeyer & Crowley, Biometrics 38 (1982) 29-41); NA limits are
 * skipped. null where R prints NA: the curve never reaches one half.
 * R's quantile(fit, 0.5) differs in one case: a curve that ends flat at one half gets the midpoint
 * with the last time there (see quantile.ts).
 * References: R survival, ?print.survfit; Therneau & Grambsch (2000) sec. 2.1.
 */
export interface MedianSurvival {
  readonly median: number | null;
  /** null when the lower curve never reaches one half, or there are no limits (confType 'none'). */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly confLevel: number;
}

export function medianSurvival(curve: KaplanMeierCurve): MedianSurvival {
  return {
    median: firstAtOrBelowHalf(curve.surv, curve.time),
    lower: curve.lower === null ? null : firstAtOrBelowHalf(curve.lower, curve.time),
    upper: curve.upper === null ? null : firstAtOrBelowHalf(curve.upper, curve.time),
    confLevel: curve.confLevel,
  };
}

/** survmean's minmin(y, x). */
export function firstAtOrBelowHalf(y: Float64Array, x: Float64Array): number | null {
  const n = y.length;
  let first = -1;
  for (let j = 0; j < n; j++) {
    if (y[j]! < 0.5 + SQRT_EPSILON) {
      first = j;
      break;
    }
  }
  if (first < 0) return null;
  const level = y[first]!;
  if (Math.abs(level - 0.5) < SQRT_EPSILON) {
    for (let j = first + 1; j < n; j++) if (y[j]! < level) return (x[first]! + x[j]!) / 2;
  }
  return x[first]!;
}

import { SurvivalError } from './errors.js';
import type { KaplanMeierCurve } from './kaplan-meier.js';
import { SQRT_EPSILON } from './time-fix.js';

/**
 * Survival quantiles as R's quantile.survfit computes them (survival:::findq): the p-th quantile is
 * the first time at which the curve F(t) = 1 - S(t), started at F(0) = 0, reaches p, read with a
 * tolerance tol = sqrt(.Machine$double.eps) from both sides:
 *     q_p = (t[first F + tol >= p] + t[first F - tol >= p]) / 2,
 * which is t_j itself when F jumps across p at t_j, and the midpoint of a flat stretch where
 * F = p (within tol) up to the next rise. When F ends flat at p, the second time is the last time of
 * the curve. The limits use the lower and upper curves the same way (Brookmeyer & Crowley 1982).
 * For p = 0.5 this is print(fit)'s median (median.ts) except for that last case.
 * References: R survival, ?quantile.survfit; Brookmeyer & Crowley, Biometrics 38 (1982) 29-41.
 */
export interface SurvivalQuantile {
  readonly p: number;
  /** null where R reports NA: the curve does not reach 1 - p. */
  readonly time: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export function survivalQuantiles(curve: KaplanMeierCurve, probs: readonly number[] = [0.25, 0.5, 0.75]): SurvivalQuantile[] {
  probs.forEach((p, i) => {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw SurvivalError.invalid('INVALID_OPTION', `probs[${i}]`, `must be a probability in [0, 1]; got ${String(p)}`, i);
  });
  const time = quantilesOf(curve.time, curve.surv, probs);
  const lower = curve.lower === null ? null : quantilesOf(curve.time, curve.lower, probs);
  const upper = curve.upper === null ? null : quantilesOf(curve.time, curve.upper, probs);
  return probs.map((p, i) => ({ p, time: orNull(time[i]!), lower: lower === null ? null : orNull(lower[i]!), upper: upper === null ? null : orNull(upper[i]!) }));
}

const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** findq(c(0, time), c(0, 1 - curve), probs, tol); NaN for NA. */
function quantilesOf(time: Float64Array, curve: Float64Array, probs: readonly number[]): number[] {
  const n0 = time.length + 1;
  const x = new Float64Array(n0);
  const y = new Float64Array(n0);
  for (let j = 1; j < n0; j++) {
    x[j] = time[j - 1]!;
    y[j] = 1 - curve[j - 1]!;
  }
  let maxY = -Infinity;
  for (let j = 0; j < n0; j++) if (y[j]! > maxY) maxY = y[j]!;
  if (maxY < Math.min(...probs)) return probs.map(() => NaN);
  const xmax = x[n0 - 1]!;

  // duplicated(y): keep the first time of each distinct value; every NA is one value.
  const xs: number[] = [];
  const ys: number[] = [];
  const seen = new Set<number>();
  let seenNa = false;
  for (let j = 0; j < n0; j++) {
    const v = y[j]!;
    if (Number.isNaN(v) ? seenNa : seen.has(v)) continue;
    if (Number.isNaN(v)) seenNa = true;
    else seen.add(v);
    xs.push(x[j]!);
    ys.push(v);
  }
  const last = ys[ys.length - 1]!;
  return probs.map((p) => {
    const i1 = firstReaching(ys, SQRT_EPSILON, p);
    const i2 = firstReaching(ys, -SQRT_EPSILON, p);
    let q = i1 < 0 || i2 < 0 ? NaN : (xs[i1]! + xs[i2]!) / 2;
    if (p === 0) q = xs[0]!;
    if (!Number.isNaN(last) && Math.abs(p - last) < SQRT_EPSILON) q = i1 < 0 ? NaN : (xs[i1]! + xmax) / 2;
    return q;
  });
}

/**
 * approx(ys + shift, seq_along(ys), p, method = "constant", f = 1)$y: the index of the smallest
 * ys + shift that is >= p, or -1 (NA) when p is outside the range of ys + shift. NA pairs are dropped.
 */
function firstReaching(ys: readonly number[], shift: number, p: number): number {
  let min = Infinity;
  let best = -1;
  let bestValue = Infinity;
  for (let i = 0; i < ys.length; i++) {
    const v = ys[i]! + shift;
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v >= p && v < bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return p < min ? -1 : best;
}

/**
 * R's `timefix` (survival::aeqSurv, applied by survfit and survdiff by default): distinct times
 * closer than floating-point noise are one time. With y the sorted distinct times, a gap
 *     dy_i = y_i - y_(i-1)  is a tie when  dy_i <= tol  or  dy_i / mean(|y|) <= tol,
 *     tol = sqrt(.Machine$double.eps) = 2^-26.
 * Ties chain: each run of tied times becomes its first (smallest) time. Without timefix,
 * 0.1 + 0.2 and 0.3 would be two times in JavaScript and one in R.
 * Reference: R survival documentation, ?aeqSurv, and the vignette "Roundoff error and tied times".
 */
/** sqrt(.Machine$double.eps) = 2^-26: the tolerance R survival uses for tied times and for "exactly one half". */
export const SQRT_EPSILON = Math.sqrt(Number.EPSILON);

/** The representative time of each cluster of `distinct` (ascending, distinct); `distinct` itself when nothing ties. */
export function tiedTimeCuts(distinct: Float64Array): Float64Array {
  const m = distinct.length;
  if (m < 2) return distinct;
  const meanAbs = compensatedSum(distinct) / m;
  const keep = new Uint8Array(m);
  keep[0] = 1;
  let kept = 1;
  for (let i = 1; i < m; i++) {
    const dy = distinct[i]! - distinct[i - 1]!;
    if (!(dy <= SQRT_EPSILON || dy / meanAbs <= SQRT_EPSILON)) {
      keep[i] = 1;
      kept++;
    }
  }
  if (kept === m) return distinct;
  const cuts = new Float64Array(kept);
  for (let i = 0, j = 0; i < m; i++) if (keep[i] === 1) cuts[j++] = distinct[i]!;
  return cuts;
}

// R's mean() accumulates in long double; a compensated sum gets as close to that as doubles allow.
function compensatedSum(values: Float64Array): number {
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]!);
    const t = sum + v;
    carry += Math.abs(sum) >= v ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + carry;
}

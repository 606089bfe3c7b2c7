import type { KaplanMeierCurve } from './kaplan-meier.js';
import { checkOptionTime } from './options.js';

/**
 * Restricted mean survival time to tau and its standard error, as print(fit, rmean = tau) reports
 * them (survival:::survmean). With t_1 < ... < t_k the curve times <= tau, t_0 = 0 and t_(k+1) = tau,
 *     rmean = sum_{i=1}^{k+1} (t_i - t_(i-1)) S(t_(i-1))                (area under S on [0, tau]),
 *     var   = sum_{j=1}^{k} A_j^2 d_j / (n_j (n_j - d_j)),   A_j = area under S on [t_j, tau],
 * a term being 0 where n_j = d_j. Past the end of the curve S is carried forward to tau.
 * Default tau: the last time of the curve (event or censoring), which is R's rmean = "common" (and
 * "individual") for one curve.
 * tau before the first time: rmean = tau, se = 0, which is what survmean computes; print() and
 * summary() refuse such a tau with "Truncation point for the mean is < smallest survival".
 * References: Klein & Moeschberger (2003) sec. 4.5; Royston & Parmar, BMC Med Res Methodol 13
 * (2013) 152; R survival, ?print.survfit (rmean).
 */
export interface RestrictedMean {
  readonly tau: number;
  readonly rmean: number;
  readonly se: number;
}

export function restrictedMean(curve: KaplanMeierCurve, options: { readonly tau?: number } = {}): RestrictedMean {
  const m = curve.time.length;
  const tau = options.tau === undefined ? curve.time[m - 1]! : checkOptionTime(options.tau, 'tau');
  let k = 0; // curve rows with time <= tau
  while (k < m && curve.time[k]! <= tau) k++;
  // rectangles[i] = (t_i - t_(i-1)) S(t_(i-1)) for i = 1..k+1
  const rect = new Float64Array(k + 1);
  let previousTime = 0;
  let previousSurv = 1;
  for (let i = 0; i < k; i++) {
    rect[i] = (curve.time[i]! - previousTime) * previousSurv;
    previousTime = curve.time[i]!;
    previousSurv = curve.surv[i]!;
  }
  rect[k] = (tau - previousTime) * previousSurv;
  let rmean = 0;
  for (let i = 0; i <= k; i++) rmean += rect[i]!;
  let variance = 0;
  let after = 0;
  for (let j = k - 1; j >= 0; j--) {
    after += rect[j + 1]!;
    const n = curve.nRisk[j]!;
    const d = curve.nEvent[j]!;
    if (n - d !== 0) variance += after * after * (d / (n * (n - d)));
  }
  return { tau, rmean, se: Math.sqrt(variance) };
}

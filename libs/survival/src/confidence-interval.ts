import { normalQuantile } from './normal-quantile.js';

/**
 * Pointwise confidence limits for S(t) from s = se(log S(t)) (the square root of Greenwood's sum),
 * with z = Phi^-1(1 - (1 - level) / 2), exactly as R's survival:::survfit_confint:
 *   plain    S -/+ z s S,                         clipped to [0, 1]
 *   log      exp(log S -/+ z s),                  upper clipped to 1; NA where S = 0   (R's default)
 *   log-log  exp(-exp(log(-log S) -/+ z s / log S)),  NA where S = 0 or S = 1
 * NA is NaN here. Where S = 0 Greenwood's s is infinite, so the plain limits are NaN, as in R.
 * References: Kalbfleisch & Prentice (2002) sec. 1.3; Klein & Moeschberger (2003) eq. 4.3.1-4.3.3;
 * R survival documentation, ?survfit.formula (conf.type).
 */
export type ConfType = 'log' | 'log-log' | 'plain' | 'none';
export const CONF_TYPES: readonly ConfType[] = ['log', 'log-log', 'plain', 'none'];

/** z for a two-sided interval of the given level (0.95 -> 1.959963984540054). */
export const zFor = (level: number): number => normalQuantile(1 - (1 - level) / 2);

export function lowerLimit(surv: number, seLog: number, z: number, type: Exclude<ConfType, 'none'>): number {
  switch (type) {
    case 'plain':
      return Math.max(surv - seLog * surv * z, 0);
    case 'log':
      return surv === 0 ? NaN : Math.exp(Math.log(surv) - z * seLog);
    case 'log-log':
      return surv === 0 || surv === 1 ? NaN : Math.exp(-Math.exp(Math.log(-Math.log(surv)) - (z * seLog) / Math.log(surv)));
    default:
      return unknown(type);
  }
}

export function upperLimit(surv: number, seLog: number, z: number, type: Exclude<ConfType, 'none'>): number {
  switch (type) {
    case 'plain':
      return Math.min(surv + seLog * surv * z, 1);
    case 'log':
      return surv === 0 ? NaN : Math.min(Math.exp(Math.log(surv) + z * seLog), 1);
    case 'log-log':
      return surv === 0 || surv === 1 ? NaN : Math.exp(-Math.exp(Math.log(-Math.log(surv)) + (z * seLog) / Math.log(surv)));
    default:
      return unknown(type);
  }
}

function unknown(type: never): never {
  throw new Error(`unknown confidence interval type ${String(type)}`);
}

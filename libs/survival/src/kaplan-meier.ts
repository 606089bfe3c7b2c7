import { lowerLimit, upperLimit, type ConfType } from './confidence-interval.js';
import { SurvivalError } from './errors.js';
import { resolveCurveOptions, type CurveOptions, type ResolvedCurveOptions } from './options.js';
import { riskTable, type RiskTable, type SurvivalData } from './risk-table.js';

/**
 * Kaplan-Meier (product-limit) estimate with Greenwood's variance. At each distinct time t_j with
 * n_j at risk and d_j events,
 *     S(t_j) = prod_{i<=j} (n_i - d_i) / n_i,
 *     se(log S(t_j)) = sqrt( sum_{i<=j} d_i / (n_i (n_i - d_i)) )          (Greenwood),
 *     se(S(t_j)) = S(t_j) se(log S(t_j)),
 * with confidence limits from confidence-interval.ts. Once n_i = d_i the curve is 0 and Greenwood's
 * sum is infinite: se(log S) = Inf and se(S) = Inf * 0 = NaN, exactly what R reports.
 * One row per distinct time, events or censorings (R's survfit object, or summary(fit, censored = TRUE)).
 * References: Kaplan & Meier, JASA 53 (1958) 457-481; Greenwood (1926); Therneau & Grambsch (2000)
 * sec. 2.1; Kalbfleisch & Prentice (2002) sec. 1.4; R survival, ?survfit.formula, ?summary.survfit.
 */
export interface KaplanMeierCurve {
  /** Subjects the curve is made from. */
  readonly n: number;
  readonly time: Float64Array;
  readonly nRisk: Int32Array;
  readonly nEvent: Int32Array;
  readonly nCensor: Int32Array;
  readonly surv: Float64Array;
  /** R's summary(fit)$std.err: the standard error of S(t). NaN where S(t) = 0. */
  readonly stdErr: Float64Array;
  /** R's fit$std.err: the standard error of log S(t), sqrt of Greenwood's sum. Infinity where S(t) = 0. */
  readonly stdErrLog: Float64Array;
  /** Pointwise limits, NaN where R reports NA; null when confType is 'none'. */
  readonly lower: Float64Array | null;
  readonly upper: Float64Array | null;
  readonly confType: ConfType;
  readonly confLevel: number;
}

export type KaplanMeierOptions = CurveOptions;

/** survfit(Surv(time, status) ~ 1): everyone in one curve, whatever their group. */
export function kaplanMeier(data: SurvivalData, options: KaplanMeierOptions = {}): KaplanMeierCurve {
  const resolved = resolveCurveOptions(options);
  const table = riskTable(data, { timefix: resolved.timefix, byGroup: false });
  return productLimit(table.time, table.totalEvent, table.totalCensor, table.size, resolved);
}

export interface GroupCurve {
  readonly group: string;
  readonly curve: KaplanMeierCurve;
}

/** survfit(Surv(time, status) ~ group): one curve per group, each on the times where its group has subjects. */
export function kaplanMeierByGroup(data: SurvivalData, options: KaplanMeierOptions = {}): GroupCurve[] {
  const resolved = resolveCurveOptions(options);
  const table = riskTable(data, { timefix: resolved.timefix });
  if (table.groups.length === 0) throw SurvivalError.invalid('MISSING_GROUP', 'group', 'curves by group need a group for every subject');
  return table.groups.map((group, g) => ({ group, curve: groupCurve(table, g, resolved) }));
}

function groupCurve(table: RiskTable, g: number, options: ResolvedCurveOptions): KaplanMeierCurve {
  const m = table.time.length;
  const base = g * m;
  let rows = 0;
  for (let j = 0; j < m; j++) if (table.event[base + j]! + table.censor[base + j]! > 0) rows++;
  const time = new Float64Array(rows);
  const event = new Int32Array(rows);
  const censor = new Int32Array(rows);
  for (let j = 0, r = 0; j < m; j++) {
    const d = table.event[base + j]!;
    const c = table.censor[base + j]!;
    if (d + c === 0) continue;
    time[r] = table.time[j]!;
    event[r] = d;
    censor[r++] = c;
  }
  return productLimit(time, event, censor, table.groupSize[g]!, options);
}

/**
 * The arithmetic core. Trusts its input: `time` ascending and distinct, every row with at least one
 * event or censoring, `n` the sum of all events and censorings.
 */
export function productLimit(
  time: Float64Array,
  nEvent: Int32Array,
  nCensor: Int32Array,
  n: number,
  options: Pick<ResolvedCurveOptions, 'confType' | 'confLevel' | 'z'>,
): KaplanMeierCurve {
  const m = time.length;
  const nRisk = new Int32Array(m);
  const surv = new Float64Array(m);
  const stdErr = new Float64Array(m);
  const stdErrLog = new Float64Array(m);
  let atRisk = n;
  let s = 1;
  let greenwood = 0;
  for (let j = 0; j < m; j++) {
    const d = nEvent[j]!;
    nRisk[j] = atRisk;
    if (d > 0) {
      s *= (atRisk - d) / atRisk;
      greenwood += d / (atRisk * (atRisk - d));
    }
    surv[j] = s;
    stdErrLog[j] = Math.sqrt(greenwood);
    stdErr[j] = stdErrLog[j]! * s;
    atRisk -= d + nCensor[j]!;
  }
  const { confType, confLevel, z } = options;
  if (confType === 'none') return { n, time, nRisk, nEvent, nCensor, surv, stdErr, stdErrLog, lower: null, upper: null, confType, confLevel };
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    lower[j] = lowerLimit(surv[j]!, stdErrLog[j]!, z, confType);
    upper[j] = upperLimit(surv[j]!, stdErrLog[j]!, z, confType);
  }
  return { n, time, nRisk, nEvent, nCensor, surv, stdErr, stdErrLog, lower, upper, confType, confLevel };
}

import { chiSquareUpperTail } from './chi-square.js';
import { SurvivalError } from './errors.js';
import { solveLinear } from './linear-solve.js';
import { riskTable, type RiskTable, type SurvivalData } from './risk-table.js';

/**
 * The log-rank test of k groups (R's survdiff, rho = 0). At each distinct event time t_j with D_j
 * events among N_j at risk, n_gj of them in group g:
 *     E_g = sum_j D_j n_gj / N_j,
 *     V_gh = sum_j D_j (N_j - D_j) / (N_j (N_j - 1)) * n_gj (delta_gh - n_hj / N_j)   (N_j > 1),
 *     chi-square = (O - E)' V^-1 (O - E) over the groups with E_g > 0 but the first, df = their number - 1.
 * Like R, groups without expected events (everyone censored before the first event) leave the test,
 * and with fewer than two groups left chi-square = 0 and df = their number - 1: one group left gives
 * df = 0, p = 1; no event at all gives R's df = -1, p = NaN. A group without events but with subjects
 * at risk stays in. When everyone at risk at the first event time has an event there, V is
 * zero and R's solve() stops; so does this, with a SINGULAR_VARIANCE error.
 * References: Mantel, Cancer Chemother Rep 50 (1966) 163-170; Peto & Peto, JRSS A 135 (1972) 185;
 * Kalbfleisch & Prentice (2002) sec. 7.2; Therneau & Grambsch (2000) sec. 2.2; R survival, ?survdiff.
 */
export interface LogRankGroup {
  readonly group: string;
  readonly n: number;
  readonly observed: number;
  readonly expected: number;
}

export interface LogRankTest {
  readonly groups: readonly LogRankGroup[];
  /** R's survdiff(...)$var, rows and columns in the order of `groups`. */
  readonly variance: readonly (readonly number[])[];
  readonly chiSquare: number;
  /** Groups with expected events, minus one; -1 when nobody has an event (as R). */
  readonly df: number;
  /** NaN when nobody has an event (as R). */
  readonly pValue: number;
}

export interface LogRankOptions {
  /** R's timefix; default true. */
  readonly timefix?: boolean;
  /** Expected groups in the order to report them; a listed group without subjects is an error. */
  readonly levels?: readonly string[];
}

export function logRank(data: SurvivalData, options: LogRankOptions = {}): LogRankTest {
  const table = riskTable(data, { timefix: options.timefix ?? true, levels: options.levels });
  if (table.groups.length < 2) {
    throw SurvivalError.invalid('NOT_ENOUGH_GROUPS', 'group', `the log-rank test needs at least two groups; got ${table.groups.length}`);
  }
  const { observed, expected, variance } = logRankSums(table);
  const k = table.groups.length;
  const inTest: number[] = [];
  for (let g = 0; g < k; g++) if (expected[g]! > 0) inTest.push(g);
  let chiSquare = 0;
  if (inTest.length >= 2) {
    const kept = inTest.slice(1);
    const diff = kept.map((g) => observed[g]! - expected[g]!);
    const v = kept.map((g) => kept.map((h) => variance[g * k + h]!));
    const x = solveLinear(v, diff);
    chiSquare = x.reduce((s, xi, i) => s + xi * diff[i]!, 0);
  }
  const df = inTest.length - 1;
  return {
    groups: table.groups.map((group, g) => ({ group, n: table.groupSize[g]!, observed: observed[g]!, expected: expected[g]! })),
    variance: table.groups.map((_, g) => Array.from(variance.subarray(g * k, (g + 1) * k))),
    chiSquare,
    df,
    pValue: chiSquareUpperTail(chiSquare, df),
  };
}

/** The arithmetic core: observed and expected events per group and the k x k variance (row-major). */
export function logRankSums(table: RiskTable): { observed: Float64Array; expected: Float64Array; variance: Float64Array } {
  const k = table.groupSize.length;
  const m = table.time.length;
  const atRisk = Float64Array.from(table.groupSize);
  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const variance = new Float64Array(k * k);
  let total = table.size;
  for (let j = 0; j < m; j++) {
    const deaths = table.totalEvent[j]!;
    if (deaths > 0) {
      for (let g = 0; g < k; g++) expected[g]! += (deaths * atRisk[g]!) / total;
      if (total > 1) {
        const w = (deaths * (total - deaths)) / (total * (total - 1));
        for (let g = 0; g < k; g++) {
          const t = w * atRisk[g]!;
          variance[g * k + g]! += t;
          for (let h = 0; h < k; h++) variance[h * k + g]! -= (t * atRisk[h]!) / total;
        }
      }
    }
    for (let g = 0; g < k; g++) {
      const d = table.event[g * m + j]!;
      observed[g]! += d;
      const leaving = d + table.censor[g * m + j]!;
      atRisk[g]! -= leaving;
      total -= leaving;
    }
  }
  return { observed, expected, variance };
}

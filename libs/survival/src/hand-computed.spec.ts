import { zFor } from './confidence-interval.js';
import { kaplanMeier } from './kaplan-meier.js';
import { logRank } from './log-rank.js';
import { medianSurvival } from './median.js';
import { survivalQuantiles } from './quantile.js';
import { medianFollowUp } from './reverse-km.js';
import { restrictedMean } from './rmst.js';
import { curveRows } from './rows.js';
import { survivalAt } from './survival-at.js';
import type { Subject } from './validate.js';

/*
 * Five subjects, by hand (z = 1.959964 for 95%):
 *
 *   subject  time  event  group
 *      1      1      1      A
 *      2      2      0      B
 *      3      3      1      B
 *      4      3      0      A      <- censored at the time of an event: still at risk at 3
 *      5      5      1      A
 *
 *   time  n  d  c   S                      Greenwood sum          se(S) = S sqrt(sum)
 *     1   5  1  0   4/5                    1/(5*4) = 1/20          0.8 sqrt(0.05)     = 0.178885
 *     2   4  0  1   4/5                    1/20                    0.178885
 *     3   3  1  1   4/5 * 2/3 = 8/15       1/20 + 1/(3*2) = 13/60  8/15 sqrt(13/60)   = 0.248253
 *     5   1  1  0   0                      infinite                Inf * 0 = NaN (R prints NaN)
 *
 *   log limits at 1: 0.8 exp(-/+ z sqrt(0.05)) = 0.516126, min(1.240, 1) = 1; at 5: NA.
 *   median: the first S <= 1/2 is S(5) = 0, so 5; lower limit: the lower curve is 0.214 at 3, so 3.
 *   rmean to 4: 1 * 1 + 0.8 * (3 - 1) + 8/15 * (4 - 3) = 47/15;
 *     var = (area after 1)^2 * 1/20 + (area after 3)^2 * 1/6 = (32/15)^2 / 20 + (8/15)^2 / 6.
 *   log-rank, A = {1, 3+, 5}, B = {2+, 3}: at 1, 5 at risk (3 A), E_A += 3/5, V += (1*4/(5*4)) * 3 * 2/5 = 6/25;
 *     at 3, 3 at risk (2 A), E_A += 2/3, V += (1*2/(3*2)) * 2 * 1/3 = 2/9; at 5, 1 at risk (A), E_A += 1.
 *     O = (2, 1), E = (34/15, 11/15), V_BB = 6/25 + 2/9 = 104/225, chi-square = (4/15)^2 / V_BB = 2/13.
 *   reverse KM (censorings as events): 1 at 1 (G = 1), 3/4 at 2, 3/4 * 2/3 = 1/2 at 3, flat to 5.
 *     print's rule: the curve is 1/2 from 3 and never drops again, so the median follow-up is 3
 *     (quantile() would give the midpoint (3 + 5) / 2 = 4).
 */
const subjects: Subject[] = [
  { time: 1, event: 1, group: 'A' },
  { time: 2, event: 0, group: 'B' },
  { time: 3, event: 1, group: 'B' },
  { time: 3, event: 0, group: 'A' },
  { time: 5, event: 1, group: 'A' },
];
const close = (v: number | null, expected: number): void => expect(v).toBeCloseTo(expected, 12);

describe('five subjects computed by hand', () => {
  it('given the table by hand, when estimated, then Kaplan-Meier and Greenwood agree row by row', () => {
    const curve = kaplanMeier(subjects);
    expect(Array.from(curve.time)).toEqual([1, 2, 3, 5]);
    expect(Array.from(curve.nRisk)).toEqual([5, 4, 3, 1]);
    expect(Array.from(curve.nEvent)).toEqual([1, 0, 1, 1]);
    expect(Array.from(curve.nCensor)).toEqual([0, 1, 1, 0]);
    [4 / 5, 4 / 5, 8 / 15, 0].forEach((s, j) => close(curve.surv[j]!, s));
    [0.8 * Math.sqrt(1 / 20), 0.8 * Math.sqrt(1 / 20), (8 / 15) * Math.sqrt(13 / 60)].forEach((se, j) => close(curve.stdErr[j]!, se));
    expect(curve.stdErr[3]).toBeNaN();
    expect(curve.stdErrLog[3]).toBe(Infinity);
    close(curve.lower![0]!, 0.8 * Math.exp(-zFor(0.95) * Math.sqrt(0.05)));
    expect(curve.lower![0]).toBeCloseTo(0.5161257603, 10); // R: survfit(...)$lower[1]
    expect(curve.upper![0]).toBe(1);
    expect(curve.lower![3]).toBeNaN();
    expect(curveRows(curve)[3]).toEqual({ time: 5, nRisk: 1, nEvent: 1, nCensor: 0, surv: 0, stdErr: null, lower: null, upper: null });
  });

  it('given R summary()\'s default layout, when rows are read for event times only, then censorings are counted since the previous event', () => {
    expect(curveRows(kaplanMeier(subjects), { eventsOnly: true }).map((r) => [r.time, r.nCensor])).toEqual([
      [1, 0],
      [3, 2],
      [5, 0],
    ]);
  });

  it('then the median is 5 with limits [3, NA], and the quartiles follow quantile()', () => {
    expect(medianSurvival(kaplanMeier(subjects))).toEqual({ median: 5, lower: 3, upper: null, confLevel: 0.95 });
    expect(survivalQuantiles(kaplanMeier(subjects), [0.25, 0.5]).map((q) => q.time)).toEqual([3, 5]);
  });

  it('then the restricted mean to 4 is 47/15 with the hand-computed standard error', () => {
    const r = restrictedMean(kaplanMeier(subjects), { tau: 4 });
    close(r.rmean, 47 / 15);
    close(r.se, Math.sqrt((32 / 15) ** 2 / 20 + (8 / 15) ** 2 / 6));
    expect(restrictedMean(kaplanMeier(subjects), { tau: 0.5 })).toEqual({ tau: 0.5, rmean: 0.5, se: 0 });
  });

  it('then survival at 0, 2.5 and 6 follows summary(fit, times), with and without extend', () => {
    const curve = kaplanMeier(subjects);
    expect(survivalAt(curve, [6, 0, 2.5]).map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor, r.surv])).toEqual([
      [0, 5, 0, 0, 1],
      [2.5, 3, 1, 1, 0.8],
    ]);
    const extended = survivalAt(curve, [0, 2.5, 6], { extend: true });
    expect(extended[2]).toEqual({ time: 6, nRisk: 0, nEvent: 2, nCensor: 1, surv: 0, stdErr: null, lower: null, upper: null });
  });

  it('then the log-rank test gives O = (2, 1), E = (34/15, 11/15), chi-square 2/13 on 1 df', () => {
    const test = logRank(subjects);
    expect(test.groups.map((g) => [g.group, g.n, g.observed])).toEqual([
      ['A', 3, 2],
      ['B', 2, 1],
    ]);
    close(test.groups[0]!.expected, 34 / 15);
    close(test.groups[1]!.expected, 11 / 15);
    close(test.variance[1]![1]!, 104 / 225);
    close(test.variance[0]![1]!, -104 / 225);
    close(test.chiSquare, 2 / 13);
    expect(test.df).toBe(1);
    close(test.pValue, 0.694886602372473); // R: survdiff(...)$pvalue
  });

  it('then the median follow-up (reverse Kaplan-Meier) is 3: the curve stays at 1/2 without dropping again', () => {
    const followUp = medianFollowUp(subjects);
    expect(Array.from(followUp.curve.surv)).toEqual([1, 0.75, 0.5, 0.5]);
    expect([followUp.median, followUp.lower, followUp.upper]).toEqual([3, 2, null]);
    expect(survivalQuantiles(followUp.curve, [0.5])[0]!.time).toBe(4);
  });
});

import { isSurvivalError } from '../errors.js';
import { kaplanMeier, kaplanMeierByGroup, type KaplanMeierCurve } from '../kaplan-meier.js';
import { logRank } from '../log-rank.js';
import { medianSurvival } from '../median.js';
import { survivalQuantiles } from '../quantile.js';
import { medianFollowUp } from '../reverse-km.js';
import { restrictedMean } from '../rmst.js';
import { survivalAt, type SurvivalAt } from '../survival-at.js';
import type { SurvivalColumns } from '../validate.js';
import { agrees, isRError, numberFromR, type Column, type RError, type RFigures, type RLogRank, type RMedian, type RNumber, type RRestrictedMean, type RTable } from './r-figures.js';

class Mismatches {
  readonly found: string[] = [];
  number(where: string, ours: number | null | undefined, theirs: RNumber | undefined): void {
    if (theirs === undefined) {
      if (ours !== null && ours !== undefined) this.found.push(`${where}: R has no value, ours ${ours}`);
    } else if (!agrees(ours, theirs)) this.found.push(`${where}: ours ${ours}, R ${theirs}`);
  }
  column(where: string, ours: ArrayLike<number | null> | null, theirs: Column | undefined): void {
    if (theirs === undefined || ours === null) {
      if ((theirs === undefined) !== (ours === null)) this.found.push(`${where}: ${ours === null ? 'ours missing' : 'R missing'}`);
      return;
    }
    if (ours.length !== theirs.length) {
      this.found.push(`${where}: ours has ${ours.length} values, R ${theirs.length}`);
      return;
    }
    for (let i = 0; i < theirs.length; i++) this.number(`${where}[${i}]`, ours[i], theirs[i]);
  }
}

/** Every number of R's figures for one dataset that this library disagrees with, as 'where: ours x, R y'. */
export function compareWithR(r: RFigures): string[] {
  const out = new Mismatches();
  const group = r.data.group ?? undefined;
  const data: SurvivalColumns = { time: r.data.time, event: r.data.status, ...(group === undefined ? {} : { group }) };
  const confLevel = r['conf.int'];
  for (const confType of ['log', 'log-log', 'plain', 'none'] as const) {
    const fig = r.curves[confType];
    const curve = kaplanMeier(data, { confType, confLevel });
    compareTable(out, `${confType}.table`, curve, fig.table);
    compareMedian(out, `${confType}.median`, medianSurvival(curve), fig.median);
    const q = survivalQuantiles(curve, r.probs);
    out.column(`${confType}.quantiles.time`, q.map((x) => x.time), fig.quantiles.time);
    out.column(`${confType}.quantiles.lower`, curve.lower === null ? null : q.map((x) => x.lower), fig.quantiles.lower);
    out.column(`${confType}.quantiles.upper`, curve.upper === null ? null : q.map((x) => x.upper), fig.quantiles.upper);
    if (r.times.length > 0) {
      compareAt(out, `${confType}.at`, () => survivalAt(curve, r.times), fig.at);
      compareAt(out, `${confType}.at.extended`, () => survivalAt(curve, r.times, { extend: true }), fig['at.extended']);
    }
  }
  const logCurve = kaplanMeier(data, { confLevel });
  compareRestricted(out, 'rmean.common', restrictedMean(logCurve), r['rmean.common']);
  const tau = r['rmean.tau'];
  if (tau) compareRestricted(out, 'rmean.tau', restrictedMean(logCurve, { tau: numberFromR(tau.tau) }), tau);
  const followUp = medianFollowUp(data, { confLevel });
  compareTable(out, 'reverse.table', followUp.curve, r.reverse.table);
  compareMedian(out, 'reverse.median', followUp, r.reverse.median);
  if (r['by.group']) {
    const ours = kaplanMeierByGroup(data, { confLevel });
    if (ours.map((c) => c.group).join('\u0000') !== r['by.group'].map((c) => c.group).join('\u0000')) out.found.push('by.group: different groups');
    for (const theirs of r['by.group']) {
      const mine = ours.find((c) => c.group === theirs.group);
      if (mine === undefined) continue;
      compareTable(out, `by.group[${theirs.group}].table`, mine.curve, theirs.table);
      compareMedian(out, `by.group[${theirs.group}].median`, medianSurvival(mine.curve), theirs.median);
    }
  }
  const test = r['log.rank'];
  if (test) compareLogRank(out, data, test);
  return out.found;
}

function compareTable(out: Mismatches, where: string, curve: KaplanMeierCurve, t: RTable): void {
  out.column(`${where}.time`, curve.time, t.time);
  out.column(`${where}.n.risk`, curve.nRisk, t['n.risk']);
  out.column(`${where}.n.event`, curve.nEvent, t['n.event']);
  out.column(`${where}.n.censor`, curve.nCensor, t['n.censor']);
  out.column(`${where}.surv`, curve.surv, t.surv);
  out.column(`${where}.std.err`, curve.stdErr, t['std.err']);
  if (t['std.err.log']) out.column(`${where}.std.err.log`, curve.stdErrLog, t['std.err.log']);
  out.column(`${where}.lower`, curve.lower, t.lower);
  out.column(`${where}.upper`, curve.upper, t.upper);
}

function compareMedian(out: Mismatches, where: string, ours: { median: number | null; lower: number | null; upper: number | null }, theirs: RMedian): void {
  out.number(`${where}.median`, ours.median, theirs.median);
  out.number(`${where}.lower`, ours.lower, theirs.lower);
  out.number(`${where}.upper`, ours.upper, theirs.upper);
}

function compareAt(out: Mismatches, where: string, ours: () => SurvivalAt[], theirs: RTable | RError | null): void {
  let rows: SurvivalAt[];
  try {
    rows = ours();
  } catch (e) {
    if (!(isRError(theirs) && isSurvivalError(e) && e.code === 'NO_TIMES_IN_RANGE')) out.found.push(`${where}: ours threw ${String(e)}, R ${JSON.stringify(theirs)}`);
    return;
  }
  if (theirs === null || isRError(theirs)) {
    out.found.push(`${where}: R ${JSON.stringify(theirs)}, ours ${rows.length} rows`);
    return;
  }
  out.column(`${where}.time`, rows.map((x) => x.time), theirs.time);
  out.column(`${where}.n.risk`, rows.map((x) => x.nRisk), theirs['n.risk']);
  out.column(`${where}.n.event`, rows.map((x) => x.nEvent), theirs['n.event']);
  out.column(`${where}.n.censor`, rows.map((x) => x.nCensor), theirs['n.censor']);
  out.column(`${where}.surv`, rows.map((x) => x.surv), theirs.surv);
  out.column(`${where}.std.err`, rows.map((x) => x.stdErr), theirs['std.err']);
  out.column(`${where}.lower`, theirs.lower === undefined ? null : rows.map((x) => x.lower), theirs.lower);
  out.column(`${where}.upper`, theirs.upper === undefined ? null : rows.map((x) => x.upper), theirs.upper);
}

function compareRestricted(out: Mismatches, where: string, ours: { tau: number; rmean: number; se: number }, theirs: RRestrictedMean): void {
  out.number(`${where}.tau`, ours.tau, theirs.tau);
  out.number(`${where}.rmean`, ours.rmean, theirs.rmean);
  out.number(`${where}.se`, ours.se, theirs.se);
}

function compareLogRank(out: Mismatches, data: SurvivalColumns, theirs: RLogRank | RError): void {
  let test: ReturnType<typeof logRank>;
  try {
    test = logRank(data);
  } catch (e) {
    if (!(isRError(theirs) && isSurvivalError(e))) out.found.push(`log.rank: ours threw ${String(e)}, R ${JSON.stringify(theirs)}`);
    return;
  }
  if (isRError(theirs)) {
    out.found.push(`log.rank: R stopped (${theirs.error}), ours gave chi-square ${test.chiSquare}`);
    return;
  }
  if (test.groups.map((g) => g.group).join('\u0000') !== theirs.groups.join('\u0000')) {
    out.found.push(`log.rank: groups ours ${test.groups.map((g) => g.group).join(',')}, R ${theirs.groups.join(',')}`);
    return;
  }
  out.column('log.rank.n', test.groups.map((g) => g.n), theirs.n);
  out.column('log.rank.observed', test.groups.map((g) => g.observed), theirs.observed);
  out.column('log.rank.expected', test.groups.map((g) => g.expected), theirs.expected);
  theirs.variance.forEach((row, i) => out.column(`log.rank.variance[${i}]`, test.variance[i] ?? null, row));
  out.number('log.rank.chisq', test.chiSquare, theirs.chisq);
  out.number('log.rank.df', test.df, theirs.df);
  out.number('log.rank.pvalue', test.pValue, theirs.pvalue);
}

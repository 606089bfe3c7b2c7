import type { ConfType } from '../confidence-interval.js';

/**
 * The JSON that scripts/survival/survival-figures.R writes: R's answers for one dataset. NA, NaN and
 * Inf arrive as strings. Agreement (compare-with-r.ts): 1e-9 relative, or 1e-12 absolute near 0; R's
 * NA and NaN must be NaN or null here, Inf must be Infinity.
 */
export type RNumber = number | 'NA' | 'NaN' | 'Inf' | '-Inf';
export type Column = readonly RNumber[];

export interface RTable {
  readonly time: Column;
  readonly 'n.risk': Column;
  readonly 'n.event': Column;
  readonly 'n.censor': Column;
  readonly surv: Column;
  readonly 'std.err': Column;
  readonly 'std.err.log'?: Column;
  readonly lower?: Column;
  readonly upper?: Column;
}
export interface RMedian {
  readonly median: RNumber;
  readonly lower?: RNumber;
  readonly upper?: RNumber;
}
export interface RError {
  readonly error: string;
}
export interface RCurveFigures {
  readonly table: RTable;
  readonly median: RMedian;
  readonly quantiles: { readonly p: Column; readonly time: Column; readonly lower?: Column; readonly upper?: Column };
  readonly at: RTable | RError | null;
  readonly 'at.extended': RTable | RError | null;
}
export interface RRestrictedMean {
  readonly tau: RNumber;
  readonly rmean: RNumber;
  readonly se: RNumber;
}
export interface RLogRank {
  readonly groups: readonly string[];
  readonly n: Column;
  readonly observed: Column;
  readonly expected: Column;
  readonly variance: readonly Column[];
  readonly chisq: RNumber;
  readonly df: RNumber;
  readonly pvalue: RNumber;
}
export interface RFigures {
  readonly versions: { readonly r: string; readonly survival: string };
  readonly 'conf.int': number;
  readonly times: readonly number[];
  readonly probs: readonly number[];
  readonly data: { readonly time: readonly number[]; readonly status: readonly number[]; readonly group?: readonly string[] | null };
  readonly curves: Readonly<Record<ConfType, RCurveFigures>>;
  readonly 'rmean.common': RRestrictedMean;
  readonly 'rmean.tau'?: RRestrictedMean | null;
  readonly reverse: { readonly table: RTable; readonly median: RMedian };
  readonly 'by.group'?: readonly { readonly group: string; readonly table: RTable; readonly median: RMedian }[] | null;
  readonly 'log.rank'?: RLogRank | RError | null;
}

export const isRError = (x: object | null | undefined): x is RError => x !== null && x !== undefined && 'error' in x;

export function numberFromR(v: RNumber): number {
  if (v === 'NA' || v === 'NaN') return NaN;
  if (v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return v;
}

/** Whether ours agrees with R's to 1e-9 relative (1e-12 absolute near 0); NA/NaN match NaN or null. */
export function agrees(ours: number | null | undefined, theirs: RNumber): boolean {
  const r = numberFromR(theirs);
  if (Number.isNaN(r)) return ours === null || (typeof ours === 'number' && Number.isNaN(ours));
  if (typeof ours !== 'number' || Number.isNaN(ours)) return false;
  if (!Number.isFinite(r)) return ours === r;
  const diff = Math.abs(ours - r);
  return diff <= 1e-12 || diff <= 1e-9 * Math.abs(r);
}

import {
  curveRows,
  kaplanMeierByGroup,
  logRank,
  medianFollowUp,
  medianSurvival,
  restrictedMean,
  survivalAt,
  type ConfType,
  type KaplanMeierRow,
  type LogRankTest,
  type MedianSurvival,
  type RestrictedMean,
  type SurvivalAt,
} from '@app/survival';
import type { AdtteDatasetRow } from './adtte-dataset.js';

export interface EstimateOptions {
  readonly unit: 'days' | 'months';
  /** A column of the dataset to compare groups by (log-rank), e.g. EMSITE, CARTSRC, AGEGR1. */
  readonly groupBy?: string;
  readonly times?: readonly number[];
  readonly tau?: number;
  readonly confType?: ConfType;
  readonly confLevel?: number;
}

export interface GroupEstimate {
  readonly group: string;
  readonly n: number;
  readonly events: number;
  readonly median: MedianSurvival;
  readonly atTimes: readonly SurvivalAt[];
  readonly rmst?: RestrictedMean;
  readonly table: readonly KaplanMeierRow[];
}

export interface EndpointEstimates {
  readonly paramcd: string;
  readonly unit: 'days' | 'months';
  readonly n: number;
  readonly events: number;
  readonly groupBy?: string;
  readonly groups: readonly GroupEstimate[];
  readonly logRank?: Omit<LogRankTest, 'variance'> & { readonly variance: readonly (readonly number[])[] };
  /** Median follow-up by reverse Kaplan-Meier, over all subjects. */
  readonly medianFollowUp: MedianSurvival;
}

/** Kaplan-Meier, medians, survival at times, RMST and a log-rank test over one endpoint's rows. */
export function estimateEndpoint(paramcd: string, rows: readonly AdtteDatasetRow[], options: EstimateOptions): EndpointEstimates {
  const subjects = rows
    .filter((r) => r.PARAMCD === paramcd)
    .map((r) => ({
      time: options.unit === 'months' ? r.months : r.AVAL,
      event: (r.CNSR === 0 ? 1 : 0) as 0 | 1,
      group: options.groupBy === undefined ? 'all' : String((r as unknown as Record<string, unknown>)[options.groupBy] ?? 'missing'),
    }));
  const curveOptions = { confType: options.confType ?? 'log', confLevel: options.confLevel ?? 0.95 };
  const groups = kaplanMeierByGroup(subjects, curveOptions).map(({ group, curve }) => {
    const members = subjects.filter((s) => s.group === group);
    return {
      group,
      n: members.length,
      events: members.filter((s) => s.event === 1).length,
      median: medianSurvival(curve),
      atTimes: options.times?.length ? survivalAt(curve, options.times, { extend: true }) : [],
      ...(options.tau !== undefined && { rmst: restrictedMean(curve, { tau: options.tau }) }),
      table: curveRows(curve),
    };
  });
  const test = groups.length > 1 ? logRank(subjects) : undefined;
  const followUp = medianFollowUp(subjects.map(({ time, event }) => ({ time, event })), curveOptions);
  return {
    paramcd,
    unit: options.unit,
    n: subjects.length,
    events: subjects.filter((s) => s.event === 1).length,
    ...(options.groupBy !== undefined && { groupBy: options.groupBy }),
    groups,
    ...(test && { logRank: test }),
    medianFollowUp: { median: followUp.median, lower: followUp.lower, upper: followUp.upper, confLevel: followUp.confLevel },
  };
}

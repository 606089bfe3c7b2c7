import type { KaplanMeierCurve } from './kaplan-meier.js';
import type { SurvivalAt } from './survival-at.js';

/** One row of a Kaplan-Meier table, for JSON and for people: the same columns as survival at a time (null where R shows NA or NaN). */
export type KaplanMeierRow = SurvivalAt;

/**
 * The curve's columns as rows: every distinct time (R's summary(fit, censored = TRUE)), or with
 * `eventsOnly` the event times only, each counting the censorings since the previous event time
 * (R's default summary(fit)).
 */
export function curveRows(curve: KaplanMeierCurve, options: { readonly eventsOnly?: boolean } = {}): KaplanMeierRow[] {
  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const rows: KaplanMeierRow[] = [];
  let censored = 0;
  for (let j = 0; j < curve.time.length; j++) {
    censored += curve.nCensor[j]!;
    if (options.eventsOnly === true && curve.nEvent[j] === 0) continue;
    rows.push({
      time: curve.time[j]!,
      nRisk: curve.nRisk[j]!,
      nEvent: curve.nEvent[j]!,
      nCensor: censored,
      surv: curve.surv[j]!,
      stdErr: finite(curve.stdErr[j]!),
      lower: curve.lower === null ? null : finite(curve.lower[j]!),
      upper: curve.upper === null ? null : finite(curve.upper[j]!),
    });
    censored = 0;
  }
  return rows;
}

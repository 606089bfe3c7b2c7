import { productLimit, type KaplanMeierCurve, type KaplanMeierOptions } from './kaplan-meier.js';
import { medianSurvival, type MedianSurvival } from './median.js';
import { resolveCurveOptions } from './options.js';
import { riskTable, type SurvivalData } from './risk-table.js';

/**
 * Median follow-up by the reverse Kaplan-Meier method: the Kaplan-Meier curve of the time to
 * censoring, with censorings as the events and events as censorings,
 *     G(t) = prod_{t_i <= t} (n_i - c_i) / n_i,
 * and its median (with CI) by print(fit)'s rule (median.ts). It is exactly R's
 * survfit(Surv(time, 1 - status) ~ 1): at a tie the swapped events (the censorings) come first.
 * References: Schemper & Smith, Controlled Clinical Trials 17 (1996) 343-346; R survival, ?survfit.formula.
 */
export interface MedianFollowUp extends MedianSurvival {
  readonly curve: KaplanMeierCurve;
}

export function reverseKaplanMeier(data: SurvivalData, options: KaplanMeierOptions = {}): KaplanMeierCurve {
  const resolved = resolveCurveOptions(options);
  const table = riskTable(data, { timefix: resolved.timefix, byGroup: false });
  return productLimit(table.time, table.totalCensor, table.totalEvent, table.size, resolved);
}

export function medianFollowUp(data: SurvivalData, options: KaplanMeierOptions = {}): MedianFollowUp {
  const curve = reverseKaplanMeier(data, options);
  return { ...medianSurvival(curve), curve };
}

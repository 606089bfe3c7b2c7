import { SurvivalError } from './errors.js';
import type { KaplanMeierCurve } from './kaplan-meier.js';
import { checkOptionTime } from './options.js';

/**
 * The curve read at chosen times, as R's summary(fit, times = ...) reads it:
 *   S(t) = S(t_j) for the last curve time t_j <= t (1 before the first time; the curve is started
 *          at time 0 with S = 1, se = 0 and limits 1, R's survfit0),
 *   n.risk(t) = the number at risk at the first curve time >= t (0 past the last time),
 *   n.event, n.censor = the counts in (previous requested time, t] (in [0, t] for the first).
 * Requested times are sorted. Past the last time of the curve R's default `extend = FALSE` drops the
 * time from the answer (and if that leaves none, R stops with "no points selected"); with
 * `extend: true` the last value is carried forward with n.risk = 0. Both are followed here.
 * Requested times must be finite and >= 0 (R drops non-finite times silently; here they are errors).
 * Reference: R survival, ?summary.survfit (times, extend).
 */
export interface SurvivalAt {
  readonly time: number;
  readonly nRisk: number;
  readonly nEvent: number;
  readonly nCensor: number;
  readonly surv: number;
  /** Standard error of S(t); null where R reports NaN (S(t) = 0). */
  readonly stdErr: number | null;
  /** null where R reports NA, or when the curve has no limits. */
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface SurvivalAtOptions {
  /** R's `extend`: report times past the end of the curve. Default false, as in R. */
  readonly extend?: boolean;
}

export function survivalAt(curve: KaplanMeierCurve, times: readonly number[], options: SurvivalAtOptions = {}): SurvivalAt[] {
  const extend = options.extend ?? false;
  const requested = times.map((t, i) => checkOptionTime(t, `times[${i}]`)).sort((a, b) => a - b);
  const m = curve.time.length;
  const lastTime = curve.time[m - 1]!;
  const kept = extend ? requested : requested.filter((t) => t <= lastTime);
  if (kept.length === 0) {
    throw SurvivalError.invalid('NO_TIMES_IN_RANGE', 'times', `no requested time is within the curve (last time ${lastTime}); use extend: true to carry the curve forward`);
  }
  const out: SurvivalAt[] = [];
  let row = -1; // last curve row with time <= t
  let next = 0; // first curve row with time >= t
  let events = 0;
  let censored = 0;
  let reportedEvents = 0;
  let reportedCensored = 0;
  for (const t of kept) {
    while (row + 1 < m && curve.time[row + 1]! <= t) {
      row++;
      events += curve.nEvent[row]!;
      censored += curve.nCensor[row]!;
    }
    while (next < m && curve.time[next]! < t) next++;
    const nRisk = next < m ? curve.nRisk[next]! : 0;
    const at = row < 0 ? start(curve, t, nRisk) : read(curve, row, t, nRisk);
    out.push({ ...at, nEvent: events - reportedEvents, nCensor: censored - reportedCensored });
    reportedEvents = events;
    reportedCensored = censored;
  }
  return out;
}

type Reading = Omit<SurvivalAt, 'nEvent' | 'nCensor'>;

function start(curve: KaplanMeierCurve, time: number, nRisk: number): Reading {
  const limit = curve.lower === null ? null : 1;
  return { time, nRisk, surv: 1, stdErr: 0, lower: limit, upper: limit };
}

function read(curve: KaplanMeierCurve, row: number, time: number, nRisk: number): Reading {
  const na = (v: number): number | null => (Number.isNaN(v) ? null : v);
  return {
    time,
    nRisk,
    surv: curve.surv[row]!,
    stdErr: na(curve.stdErr[row]!),
    lower: curve.lower === null ? null : na(curve.lower[row]!),
    upper: curve.upper === null ? null : na(curve.upper[row]!),
  };
}

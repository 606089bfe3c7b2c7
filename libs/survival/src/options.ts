import { CONF_TYPES, zFor, type ConfType } from './confidence-interval.js';
import { SurvivalError } from './errors.js';

/** Options of a survival curve, with R's defaults: survfit(..., conf.type = "log", conf.int = 0.95, timefix = TRUE). */
export interface CurveOptions {
  readonly confType?: ConfType;
  readonly confLevel?: number;
  readonly timefix?: boolean;
}

export interface ResolvedCurveOptions {
  readonly confType: ConfType;
  readonly confLevel: number;
  readonly z: number;
  readonly timefix: boolean;
}

export function resolveCurveOptions(options: CurveOptions = {}): ResolvedCurveOptions {
  const confType = options.confType ?? 'log';
  if (!CONF_TYPES.includes(confType)) throw SurvivalError.invalid('INVALID_OPTION', 'confType', `must be one of ${CONF_TYPES.join(', ')}; got ${String(confType)}`);
  const confLevel = options.confLevel ?? 0.95;
  if (typeof confLevel !== 'number' || !(confLevel > 0 && confLevel < 1)) throw SurvivalError.invalid('INVALID_OPTION', 'confLevel', `must be a number strictly between 0 and 1; got ${String(confLevel)}`);
  const timefix = options.timefix ?? true;
  if (typeof timefix !== 'boolean') throw SurvivalError.invalid('INVALID_OPTION', 'timefix', 'must be true or false');
  return { confType, confLevel, z: zFor(confLevel), timefix };
}

/** A finite time >= 0 given as an option (tau, a requested time). */
export function checkOptionTime(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw SurvivalError.invalid('INVALID_OPTION', field, `must be a finite number >= 0; got ${String(value)}`);
  return value + 0;
}

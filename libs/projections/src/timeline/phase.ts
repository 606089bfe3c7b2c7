import type { RecordedFact } from '../course-record.js';
import { infusionNumberOf } from './fact-body.js';
import type { Phase } from './timeline.js';

/** A fact's phase and the infusion its "Day N" counts from (none before CAR-T). */
export interface PhasePlace {
  readonly phase: Phase;
  readonly infusion: RecordedFact | undefined;
}

/**
 * Phases along facts already in clinical order. Partial dates make "before or after the infusion"
 * undecidable by date alone ("2020-10" relapse vs "2020-10" infusion), so a phase is a stretch of
 * the timeline: lymphodepletion opens it, up to the next infusion; each infusion opens its own
 * after-infusion phase. Ties between equal dates were already settled by recording order. A
 * lymphodepletion with no later infusion keeps its phase open: the infusion is still to come, or
 * was cancelled, and the record does not say which.
 */
export function placeInPhases(ordered: readonly RecordedFact[]): PhasePlace[] {
  let current: PhasePlace = { phase: 'before-car-t', infusion: undefined };
  return ordered.map((fact, i) => {
    if (fact.type === 'CarTInfused') {
      current = { phase: `after-infusion-${infusionNumberOf(fact)}`, infusion: fact };
    } else if (fact.type === 'LymphodepletionGiven' && current.phase !== 'lymphodepletion') {
      current = { phase: 'lymphodepletion', infusion: ordered.slice(i + 1).find((f) => f.type === 'CarTInfused') };
    }
    return current;
  });
}

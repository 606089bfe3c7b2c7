import type { EventType } from '../events/catalogue.js';
import type { PartialDate } from '../values/partial-date.js';
import { FactMap } from './fact-map.js';

/** A fact of the course as it currently stands: corrections applied, retraction flagged. */
export interface CourseFact {
  readonly eventId: string;
  readonly type: EventType;
  readonly data: Record<string, unknown>;
  readonly occurredOn?: PartialDate;
  readonly retracted: boolean;
  readonly corrected: boolean;
  /** Order in the stream, to break ties between facts of the same clinical date. */
  readonly seq: number;
}

export interface CourseState {
  readonly patientId?: string;
  readonly enrolled: boolean;
  readonly facts: ReadonlyMap<string, CourseFact>;
}

export const initialState = (): CourseState => ({ enrolled: false, facts: FactMap.empty() });

/** Facts that still stand (not retracted), optionally of given types. */
export function standingFacts(state: CourseState, ...types: EventType[]): CourseFact[] {
  const out: CourseFact[] = [];
  const candidates = types.length > 0 && state.facts instanceof FactMap ? state.facts.ofTypes(types) : state.facts.values();
  for (const f of candidates) {
    if (!f.retracted && (types.length === 0 || types.includes(f.type))) out.push(f);
  }
  return out;
}

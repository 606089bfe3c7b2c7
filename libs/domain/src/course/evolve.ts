import type { PatientEvent } from '../events/envelope.js';
import type { PartialDate } from '../values/partial-date.js';
import { FactMap } from './fact-map.js';
import type { CourseFact, CourseState } from './state.js';

const occurredOnOf = (data: Record<string, unknown>): PartialDate | undefined =>
  typeof data['occurredOn'] === 'string' ? data['occurredOn'] : undefined;

/** Folds one recorded event into the course state. Pure; never throws on a valid stream. */
export function evolve(state: CourseState, event: PatientEvent): CourseState {
  const facts = FactMap.of(state.facts);
  switch (event.type) {
    case 'EventCorrected': {
      const target = facts.get(event.data.targetEventId);
      if (!target) return state;
      return { ...state, facts: facts.replacing({ ...target, data: event.data.correctedData, occurredOn: occurredOnOf(event.data.correctedData), corrected: true }) };
    }
    case 'EventRetracted': {
      const target = facts.get(event.data.targetEventId);
      if (!target) return state;
      return { ...state, facts: facts.replacing({ ...target, retracted: true }) };
    }
    default: {
      const data = event.data as Record<string, unknown>;
      const fact: CourseFact = { eventId: event.metadata.eventId, type: event.type, data, occurredOn: occurredOnOf(data), retracted: false, corrected: false, seq: facts.size };
      const enrolled = state.enrolled || event.type === 'PatientEnrolled';
      return { ...state, patientId: state.patientId ?? event.metadata.patientId, enrolled, facts: facts.adding(fact) };
    }
  }
}

export const foldCourse = (events: Iterable<PatientEvent>, from: CourseState): CourseState => {
  let s = from;
  for (const e of events) s = evolve(s, e);
  return s;
};

import type { PatientEventBody } from '@app/domain';
import type { RecordedFact } from '../course-record.js';

/**
 * A fact's content with its type's shape. Every fact was validated against the catalogue when it
 * was decided, and every correction against its target's type, so the record's data has that shape.
 */
export const bodyOf = (fact: RecordedFact): PatientEventBody => ({ type: fact.type, data: fact.data }) as PatientEventBody;

/** The infusion number of a CarTInfused fact. */
export const infusionNumberOf = (fact: RecordedFact): number => {
  const body = bodyOf(fact);
  return body.type === 'CarTInfused' ? body.data.infusionNumber : 0;
};

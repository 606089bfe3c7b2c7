import type { SurvivalFact, SurvivalSubject } from '@app/survival';
import { standing, type CourseRecord } from '../course-record.js';

/**
 * A record's standing facts as the survival engine reads them: corrections already applied (the
 * current content and date), retracted facts left out, each with its stream revision and log
 * position so that every ADTTE row traces back to the event that recorded its fact.
 */
export const survivalFactsOf = (record: CourseRecord, types?: ReadonlySet<string>): SurvivalFact[] =>
  standing(record)
    .filter((f) => types === undefined || types.has(f.type))
    .map((f) => ({
    eventId: f.eventId,
    type: f.type,
    ...(f.occurredOn !== undefined && { occurredOn: f.occurredOn }),
    data: f.data,
    position: f.position,
    revision: f.revision,
  }));

/** The analysis subject: the study from the enrolment, the record's patient id as USUBJID. */
/** `types` keeps only the fact types the endpoints at hand can select (most of a course is labs). */
export function survivalSubjectOf(record: CourseRecord, types?: ReadonlySet<string>): SurvivalSubject {
  const enrolment = standing(record, 'PatientEnrolled')[0];
  const studyId = enrolment?.data['studyId'];
  return { studyId: typeof studyId === 'string' ? studyId : '', usubjid: record.patientId, facts: survivalFactsOf(record, types) };
}

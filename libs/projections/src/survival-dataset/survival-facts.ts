import type { SurvivalFact, SurvivalSubject } from '@app/survival';
import { standing, type CourseRecord } from '../course-record.js';

/**
 * A record's standing facts as the survival engine reads them: corrections already applied (the
 * current content and date), retracted facts left out, each with its stream revision and log
 * position so that every ADTTE row traces back to the event that recorded its fact.
 */
export const survivalFactsOf = (record: CourseRecord): SurvivalFact[] =>
  standing(record).map((f) => ({
    eventId: f.eventId,
    type: f.type,
    ...(f.occurredOn !== undefined && { occurredOn: f.occurredOn }),
    data: f.data,
    position: f.position,
    revision: f.revision,
  }));

/** The analysis subject: the study from the enrolment, the record's patient id as USUBJID. */
export function survivalSubjectOf(record: CourseRecord): SurvivalSubject {
  const enrolment = standing(record, 'PatientEnrolled')[0];
  const studyId = enrolment?.data['studyId'];
  return { studyId: typeof studyId === 'string' ? studyId : '', usubjid: record.patientId, facts: survivalFactsOf(record) };
}

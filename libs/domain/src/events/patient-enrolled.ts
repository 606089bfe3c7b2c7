import { z } from 'zod';
import { PartialDateSchema } from '../values/partial-date.js';
import { SealedIdentifiers } from '../values/patient-identifiers.js';
import { Sex } from '../values/vocabulary.js';
import { defineEvent } from './define-event.js';

export const PatientEnrolledData = z
  .object({
    occurredOn: PartialDateSchema.describe('Date of registration in this record'),
    studyId: z.string().min(1).max(100).describe('Study or registry the patient belongs to'),
    siteId: z.string().min(1).max(100).describe('Treating centre'),
    subjectId: z.string().min(1).max(100).describe('Pseudonymous subject id within the study'),
    sex: Sex,
    identifiers: SealedIdentifiers.optional(),
    ageAtDiagnosisYears: z.number().min(0).max(120).optional(),
    ageAtEnrolmentYears: z.number().min(0).max(120).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();
export type PatientEnrolledData = z.infer<typeof PatientEnrolledData>;

/**
 * Version 1 kept a birth date in clear. Version 2 keeps direct identifiers only sealed; a v1 birth
 * date is not carried into the current shape (the age fields say what analysis needs).
 */
function withoutClearBirthDate(data: Record<string, unknown>): Record<string, unknown> {
  const { birthDate: _clear, ...rest } = data;
  return rest;
}

export const PatientEnrolled = defineEvent({
  type: 'PatientEnrolled',
  version: 2,
  schema: PatientEnrolledData,
  upcast: { 1: withoutClearBirthDate },
  clinical: false,
  description: 'The patient was registered in this record; always the first event of a course.',
});

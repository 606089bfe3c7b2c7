import { ErasedPatientError, type IdentifierVault } from '@app/access';
import { daysBetween, DomainError, PatientIdentifiers, precisionOf } from '@app/domain';
import type { IncomingFact } from './fact-policy.js';

type Data = Record<string, unknown>;

const isSealed = (v: unknown): boolean => v !== null && typeof v === 'object' && typeof (v as Data)['sealed'] === 'string';

/**
 * On the way in, an enrolment's (or its correction's) direct identifiers are validated, then
 * sealed under the patient's key; the clear values never reach the decider or the store. The age at
 * enrolment, which analysis needs, is kept from a full birth date when not given.
 */
export async function sealIdentifiers<F extends IncomingFact>(vault: IdentifierVault, patientId: string, fact: F): Promise<F> {
  if (fact.type === 'PatientEnrolled') return { ...fact, data: await sealed(vault, patientId, fact.data, 'data.identifiers') };
  if (fact.type === 'EventCorrected') {
    const data = (fact.data ?? {}) as Data;
    if (data['correctedData'] && typeof data['correctedData'] === 'object' && 'identifiers' in (data['correctedData'] as Data)) {
      return { ...fact, data: { ...data, correctedData: await sealed(vault, patientId, data['correctedData'], 'data.correctedData.identifiers') } };
    }
  }
  return fact;
}

async function sealed(vault: IdentifierVault, patientId: string, value: unknown, field: string): Promise<unknown> {
  if (value === null || typeof value !== 'object') return value;
  const data = value as Data;
  const given = data['identifiers'];
  if (given === undefined || isSealed(given)) return data;
  const parsed = PatientIdentifiers.safeParse(given);
  if (!parsed.success) throw DomainError.validation('INVALID_IDENTIFIERS', parsed.error.issues.map((i) => ({ field: [field, ...i.path.map(String)].join('.'), message: i.message })));
  try {
    const age = ageAt(parsed.data.birthDate, data['occurredOn']);
    return { ...data, identifiers: await vault.seal(patientId, parsed.data), ...(data['ageAtEnrolmentYears'] === undefined && age !== undefined && { ageAtEnrolmentYears: age }) };
  } catch (e) {
    if (e instanceof ErasedPatientError) throw DomainError.illegal('PATIENT_ERASED', e.message, field);
    throw e;
  }
}

function ageAt(birthDate: string | undefined, on: unknown): number | undefined {
  if (birthDate === undefined || typeof on !== 'string' || precisionOf(birthDate) !== 'day' || precisionOf(on) !== 'day') return undefined;
  return Math.round((daysBetween(birthDate, on) / 365.25) * 10) / 10;
}

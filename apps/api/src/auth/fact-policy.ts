import { seesSite, type Caller } from '@app/access';
import { DomainError, standingFacts, type CourseState } from '@app/domain';

/** A fact as a caller sends it (HTTP body or import line), before the course decides on it. */
export interface IncomingFact {
  readonly type: unknown;
  readonly data: unknown;
  readonly recordedBy?: string;
}

const AMENDMENTS = new Set(['EventCorrected', 'EventRetracted']);

/** The site a course belongs to: its enrolment's. */
export function siteOfCourse(state: CourseState): string | undefined {
  const enrolment = standingFacts(state, 'PatientEnrolled')[0];
  const data = enrolment?.data as { siteId?: unknown } | undefined;
  return typeof data?.siteId === 'string' ? data.siteId : undefined;
}

/** The answer for a patient that is not there for this caller: the same whether absent or of another site. */
export const patientNotFound = (patientId: string): DomainError =>
  DomainError.notFound('PATIENT_NOT_FOUND', `No patient ${patientId} in the record (an enrolment, PatientEnrolled, comes first)`, 'patientId');

/**
 * What the caller may record, decided before the course decides: corrections and retractions are
 * for data managers; patients of other sites do not exist; an enrolment's site and every fact's
 * author come from the credentials, never from the body. Returns the fact to decide on.
 */
export function admitFact<F extends IncomingFact>(caller: Caller, patientId: string, fact: F, state: CourseState, chosenSite?: string): F {
  if (AMENDMENTS.has(String(fact.type)) && !caller.roles.has('data-manager') && !caller.roles.has('admin')) {
    throw DomainError.forbidden('AMENDMENT_NOT_ALLOWED', `${String(fact.type)} is for data managers: ask one to correct or retract the fact`, 'type');
  }
  if (fact.recordedBy !== undefined && fact.recordedBy !== caller.subject) {
    throw DomainError.validation('RECORDED_BY_FROM_CREDENTIALS', [{ field: 'recordedBy', message: `who records comes from your credentials (${caller.subject}), not from the body` }]);
  }
  if (state.enrolled) {
    if (!seesSite(caller, siteOfCourse(state))) throw patientNotFound(patientId);
    if (fact.type === 'EventCorrected') keepSiteOnCorrection(fact.data, state);
    return fact;
  }
  if (fact.type !== 'PatientEnrolled') throw patientNotFound(patientId);
  return { ...fact, data: withSite(caller, fact.data, chosenSite) };
}

/** The enrolment's site: the caller's own (one site, or the one chosen with X-Site-Id among theirs). */
function withSite(caller: Caller, data: unknown, chosenSite: string | undefined): unknown {
  const body = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const given = typeof body['siteId'] === 'string' ? body['siteId'] : undefined;
  let site = chosenSite;
  if (site !== undefined && !seesSite(caller, site)) throw DomainError.forbidden('SITE_NOT_YOURS', `you do not record for site ${site}`, 'X-Site-Id');
  if (site === undefined && caller.sites !== 'all') {
    if (caller.sites.size !== 1) throw DomainError.validation('SITE_REQUIRED', [{ field: 'X-Site-Id', message: `you record for several sites (${[...caller.sites].join(', ')}): say which with X-Site-Id` }]);
    site = [...caller.sites][0];
  }
  // A caller of every site (an administrator, a migration) may record for the site the data names.
  site ??= given;
  if (given !== undefined && given !== site) {
    throw DomainError.validation('SITE_FROM_CREDENTIALS', [{ field: 'data.siteId', message: `the site comes from your credentials (${site}); the body says ${given}` }]);
  }
  return { ...body, ...(site !== undefined && { siteId: site }) };
}

/** A patient's site is fixed at enrolment: a correction may not move the patient to another site. */
function keepSiteOnCorrection(data: unknown, state: CourseState): void {
  const d = data as { targetEventId?: unknown; correctedData?: { siteId?: unknown } } | undefined;
  const target = typeof d?.targetEventId === 'string' ? state.facts.get(d.targetEventId) : undefined;
  if (target?.type !== 'PatientEnrolled') return;
  const site = siteOfCourse(state);
  if (d?.correctedData?.siteId !== undefined && d.correctedData.siteId !== site) {
    throw DomainError.illegal('SITE_IS_FIXED', `a patient's site is fixed at enrolment (${site ?? 'none'}); record the transfer instead`, 'data.correctedData.siteId');
  }
}

import { isOverall, isRemission, responseOf, type Assessment } from './best-response.js';
import type { DatedFact } from './dated-facts.js';
import type { PatientState, PatientStatus } from './line-of-therapy.js';

const REMISSIONS: readonly PatientStatus[] = ['remission', 'remission-mrd-negative', 'remission-mrd-positive'];
const inRemission = (s: PatientState | undefined): boolean => s !== undefined && REMISSIONS.includes(s.status);

/** The patient's disease status after the last fact (in clinical order) that decides one. */
export function patientState(facts: readonly DatedFact[]): PatientState | undefined {
  return facts.reduce<PatientState | undefined>(next, undefined);
}

function next(state: PatientState | undefined, f: DatedFact): PatientState | undefined {
  if (state?.status === 'dead') return state;
  const at = (status: PatientStatus): PatientState => ({ status, on: f.on, eventId: f.eventId });
  switch (f.type) {
    case 'DiagnosisRecorded':
      return at('active-disease');
    case 'ChemotherapyAdministered':
    case 'LymphodepletionGiven':
    case 'CarTInfused':
    case 'HsctPerformed':
      // Therapy given in remission (consolidation, maintenance, transplant) leaves the remission standing;
      // a treatment already under way keeps the fact that started it.
      return inRemission(state) || state?.status === 'on-treatment' ? state : at('on-treatment');
    case 'ResponseAssessed':
      return assessed(state, f);
    case 'RelapseRecorded':
      return at('relapsed');
    case 'DiseaseProgressed':
      // New sites while relapsed are the same relapse (DOMAIN.md), decided by the relapse itself.
      return state?.status === 'relapsed' ? state : at('active-disease');
    case 'DeathRecorded':
      return at('dead');
    default:
      return state;
  }
}

function assessed(state: PatientState | undefined, a: Assessment): PatientState | undefined {
  const { result, mrd } = a.data;
  if (!isOverall(a)) {
    // MRD is measured in the marrow: a marrow CR with MRD during a remission updates its MRD status.
    return inRemission(state) && a.data.scope === 'bone-marrow' && isRemission(result) && mrd !== undefined ? remission(a) : state;
  }
  if (!isRemission(result)) return { status: result === 'PR' || result === 'SD' ? 'on-treatment' : 'active-disease', on: a.on, eventId: a.eventId };
  // A CR without MRD confirms a remission but says nothing of its MRD: the assessment that measured it still decides.
  if (mrd === undefined && inRemission(state) && state?.status !== 'remission') return state;
  return remission(a);
}

function remission(a: Assessment): PatientState {
  const r = responseOf(a);
  const status: PatientStatus = r.mrdNegative === undefined ? 'remission' : r.mrdNegative ? 'remission-mrd-negative' : 'remission-mrd-positive';
  return { status, on: a.on, eventId: a.eventId, ...(r.mrd !== undefined && { mrd: r.mrd }) };
}

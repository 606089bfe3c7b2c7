import { isMrdNegative, relapseExtent, type EventDataOf, type PatientEventBody } from '@app/domain';
import type { RecordedFact } from '../course-record.js';
import { bodyOf } from './fact-body.js';
import { analyteLabel, antigensLabel, daysLabel, parts, quantity, scientific, siteLabel, sitesLabel } from './summary-format.js';

/** A one-line human summary of a fact, worded per event type as a clinician would read it. */
export const summarize = (fact: RecordedFact): string => summaryOf(bodyOf(fact));

function summaryOf(body: PatientEventBody): string {
  switch (body.type) {
    case 'PatientEnrolled':
      return `Enrolled: ${parts(body.data.studyId, `subject ${body.data.subjectId}`, body.data.siteId)}`;
    case 'DiagnosisRecorded':
      return diagnosis(body.data);
    case 'ChemotherapyAdministered':
      return `Chemotherapy: ${parts(body.data.regimen, body.data.course > 1 && `course ${body.data.course}`, body.data.intent)}`;
    case 'ResponseAssessed':
      return response(body.data);
    case 'RelapseRecorded': {
      const extent = relapseExtent(body.data).replace('-', ' ');
      return `Relapse: ${parts(`${sitesLabel(body.data.sites)} (${extent})`, antigensLabel(body.data.antigens))}`;
    }
    case 'DiseaseProgressed':
      return `Progression${body.data.refractory ? ' (refractory)' : ''}: ${parts(sitesLabel(body.data.sites), antigensLabel(body.data.antigens))}`;
    case 'LymphodepletionGiven':
      return `Lymphodepletion: ${body.data.agents.map((a) => `${a.drug} ${quantity(a.dosePerDay)}/day ${daysLabel(a.days)}`).join(', ')}`;
    case 'CarTInfused': {
      const { product, dose, infusionNumber } = body.data;
      return `CAR-T infusion #${infusionNumber}: ${parts(product.target, product.source, product.state, `${scientific(dose.value)} ${dose.unit}`)}`;
    }
    case 'HsctPerformed':
      return hsct(body.data);
    case 'EngraftmentRecorded':
      return `${body.data.lineage === 'neutrophil' ? 'Neutrophil' : 'Platelet'} engraftment`;
    case 'ChimerismMeasured':
      return `Donor chimerism ${quantity(body.data.donorCells)} (${body.data.specimen})`;
    case 'GvhdDiagnosed':
      return `${body.data.form === 'acute' ? 'Acute' : 'Chronic'} GVHD${body.data.grade ? ` grade ${body.data.grade}` : ''}${body.data.organs.length ? ` (${body.data.organs.join(', ')})` : ''}`;
    case 'AdverseEventRecorded': {
      const version = body.data.grading === 'CTCAE' && body.data.ctcaeVersion ? ` v${body.data.ctcaeVersion}` : '';
      return `${body.data.term} grade ${body.data.grade} (${body.data.grading}${version})`;
    }
    case 'SupportiveTreatmentGiven': {
      const { drug, dose, route, indication } = body.data;
      return `${[drug, dose && quantity(dose), route].filter(Boolean).join(' ')}${indication ? ` for ${indication}` : ''}`;
    }
    case 'LabMeasured': {
      const { analyte, qualifier, value, unit, specimen } = body.data;
      const shown = qualifier === '=' ? String(value) : `${qualifier}${value}`;
      return `${analyteLabel(analyte)} ${unit === '%' ? `${shown}%` : `${shown} ${unit}`} (${specimen})`;
    }
    case 'ProcedurePerformed': {
      const kind = body.data.kind.replaceAll('-', ' ');
      const what = parts(body.data.name, body.data.site && siteLabel(body.data.site));
      return `${kind[0]?.toUpperCase() ?? ''}${kind.slice(1)}${what ? `: ${what}` : ''}`;
    }
    case 'LastContactRecorded':
      return `Last contact: ${body.data.status.replaceAll('-', ' ')}`;
    case 'DeathRecorded':
      return `Death: ${parts(body.data.cause, body.data.causeDetail)}`;
    // A record applies these to their targets; they never stand as facts of their own.
    case 'EventCorrected':
      return `Correction of ${body.data.targetEventId}: ${body.data.reason}`;
    case 'EventRetracted':
      return `Retraction of ${body.data.targetEventId}: ${body.data.reason}`;
    default: {
      const unknown: never = body;
      return String((unknown as { type: string }).type);
    }
  }
}

function diagnosis(d: EventDataOf<'DiagnosisRecorded'>): string {
  const markers = d.immunophenotype.map((m) => `${m}+`).join(' ');
  const genetics = [...d.cytogenetics, ...d.fusionGenes].join(', ');
  return `Diagnosis: ${parts(d.disease, markers, genetics, d.marrowBlasts && `marrow blasts ${quantity(d.marrowBlasts)}`)}`;
}

function response(d: EventDataOf<'ResponseAssessed'>): string {
  const where = d.scope === 'overall' ? '' : ` (${d.scope.replaceAll('-', ' ')}${d.sites.length ? `: ${d.sites.map(siteLabel).join(', ')}` : ''})`;
  const negative = isMrdNegative(d);
  const mrd = d.mrd && (negative ? 'MRD-negative' : `MRD ${quantity(d.mrd)}`);
  return `Response${where}: ${parts(d.result, mrd, d.marrowBlasts && `marrow blasts ${quantity(d.marrowBlasts)}`)}`;
}

function hsct(d: EventDataOf<'HsctPerformed'>): string {
  const donor = d.donor?.relation && `donor: ${d.donor.relation}`;
  const conditioning = d.conditioning && parts(d.conditioning.intensity && `${d.conditioning.intensity} conditioning`, d.conditioning.agents.join('/'));
  return `HSCT: ${parts(d.hsctType, d.graftSource, donor, conditioning)}`;
}

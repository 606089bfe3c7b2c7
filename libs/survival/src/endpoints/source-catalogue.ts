import type { CensorSource, EventSource, OriginSource } from './endpoint-definition.js';
import { censorSource, eventSource, originSource } from './sources.js';

/**
 * Named sources, as admiral ships `death_event` and `lastalive_censor`. Every event and censoring
 * here counts only after the origin (the default window): the relapse that brought a patient to
 * CAR-T, or an HSCT before it, is history, not outcome.
 */

/** Censoring reasons (CNSR) used by the catalogue. */
export const CENSOR_REASON = { lastContact: 1, dataCutoff: 2, hsct: 3, newTherapy: 4 } as const;

export const firstInfusionOrigin = originSource({ name: 'first_infusion', select: { type: 'CarTInfused', which: 'first' } });
export const diagnosisOrigin = originSource({ name: 'diagnosis', select: { type: 'DiagnosisRecorded', which: 'first' } });
export const enrolmentOrigin = originSource({ name: 'enrolment', select: { type: 'PatientEnrolled', which: 'first' } });

export const deathEvent = eventSource({ name: 'death_event', select: { type: 'DeathRecorded' }, evntdesc: 'DEATH' });

/** Relapse at any site: marrow, extramedullary or both. */
export const relapseEvent = eventSource({ name: 'relapse_event', select: { type: 'RelapseRecorded' }, evntdesc: 'RELAPSE' });

export const progressionEvent = eventSource({ name: 'progression_event', select: { type: 'DiseaseProgressed' }, evntdesc: 'DISEASE PROGRESSION' });

/** An HSCT after the origin is "bridging to HSCT", an event in seed 000's EFS. */
export const hsctEvent = eventSource({ name: 'hsct_event', select: { type: 'HsctPerformed' }, evntdesc: 'BRIDGING TO HSCT' });

/** The latest last-contact date after the origin. */
export const lastContactCensor = censorSource({
  name: 'lastcontact_censor',
  select: { type: 'LastContactRecorded', which: 'last' },
  cnsr: CENSOR_REASON.lastContact,
  cnsdtdsc: 'LAST CONTACT',
});

/** Follow-up ends at the first HSCT after the origin: what happens after it is not counted. */
export const hsctCensor = censorSource({
  name: 'hsct_censor',
  select: { type: 'HsctPerformed', which: 'first' },
  cnsr: CENSOR_REASON.hsct,
  cnsdtdsc: 'HSCT',
  endsFollowUp: true,
});

/** Follow-up ends at a further CAR-T infusion or any chemotherapy after the origin. */
export const newTherapyCensor = censorSource({
  name: 'new_therapy_censor',
  select: { type: ['CarTInfused', 'ChemotherapyAdministered'], which: 'first' },
  cnsr: CENSOR_REASON.newTherapy,
  cnsdtdsc: 'NEW ANTICANCER THERAPY',
  endsFollowUp: true,
});

export const ORIGIN_CATALOGUE: Readonly<Record<string, OriginSource>> = {
  first_infusion: firstInfusionOrigin,
  diagnosis: diagnosisOrigin,
  enrolment: enrolmentOrigin,
};

export const EVENT_SOURCE_CATALOGUE: Readonly<Record<string, EventSource>> = {
  death_event: deathEvent,
  relapse_event: relapseEvent,
  progression_event: progressionEvent,
  hsct_event: hsctEvent,
};

export const CENSOR_SOURCE_CATALOGUE: Readonly<Record<string, CensorSource>> = {
  lastcontact_censor: lastContactCensor,
  hsct_censor: hsctCensor,
  new_therapy_censor: newTherapyCensor,
};

import type { z } from 'zod';
import { AdverseEventRecorded } from './adverse-event-recorded.js';
import { CarTInfused } from './car-t-infused.js';
import { ChemotherapyAdministered } from './chemotherapy-administered.js';
import { ChimerismMeasured } from './chimerism-measured.js';
import { DeathRecorded } from './death-recorded.js';
import { DiagnosisRecorded } from './diagnosis-recorded.js';
import { DiseaseProgressed } from './disease-progressed.js';
import { EngraftmentRecorded } from './engraftment-recorded.js';
import { EventCorrected } from './event-corrected.js';
import { EventRetracted } from './event-retracted.js';
import { GvhdDiagnosed } from './gvhd-diagnosed.js';
import { HsctPerformed } from './hsct-performed.js';
import { LabMeasured } from './lab-measured.js';
import { LastContactRecorded } from './last-contact-recorded.js';
import { LymphodepletionGiven } from './lymphodepletion-given.js';
import { PatientEnrolled } from './patient-enrolled.js';
import { ProcedurePerformed } from './procedure-performed.js';
import { RelapseRecorded } from './relapse-recorded.js';
import { ResponseAssessed } from './response-assessed.js';
import { SupportiveTreatmentGiven } from './supportive-treatment-given.js';

/** Every kind of fact the record holds, by event type. */
export const EVENT_CATALOGUE = {
  PatientEnrolled,
  DiagnosisRecorded,
  ChemotherapyAdministered,
  ResponseAssessed,
  RelapseRecorded,
  DiseaseProgressed,
  LymphodepletionGiven,
  CarTInfused,
  HsctPerformed,
  EngraftmentRecorded,
  ChimerismMeasured,
  GvhdDiagnosed,
  AdverseEventRecorded,
  SupportiveTreatmentGiven,
  LabMeasured,
  ProcedurePerformed,
  LastContactRecorded,
  DeathRecorded,
  EventCorrected,
  EventRetracted,
} as const;

type Catalogue = typeof EVENT_CATALOGUE;
export type EventType = keyof Catalogue;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];
export type EventDataOf<T extends EventType> = z.infer<Catalogue[T]['schema']>;

/** A patient event as the domain sees it: a discriminated union on `type`. */
export type PatientEventBody = { [T in EventType]: { type: T; data: EventDataOf<T> } }[EventType];
export type ClinicalEventType = { [T in EventType]: Catalogue[T]['clinical'] extends true ? T : never }[EventType];

export const isEventType = (type: string): type is EventType => Object.hasOwn(EVENT_CATALOGUE, type);
export const isClinicalType = (type: EventType): type is ClinicalEventType => EVENT_CATALOGUE[type].clinical;

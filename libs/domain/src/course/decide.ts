import { DomainError } from '../errors.js';
import { EVENT_CATALOGUE, isClinicalType, type PatientEventBody } from '../events/catalogue.js';
import { copyOptionalMetadata, type EventMetadata, type PatientEvent } from '../events/envelope.js';
import { validateFact } from '../events/validate-fact.js';
import type { CommandMetadata, CourseCommand } from './commands.js';
import { checkClinicalDates, checkFactRules } from './invariants.js';
import { resolveSourceDay } from './source-day.js';
import type { CourseFact, CourseState } from './state.js';

/**
 * The patient course decider: given the course so far and a command, the events to record, or a
 * DomainError saying what is wrong and where. Pure: the caller loads the stream and appends.
 */
export function decide(command: CourseCommand, state: CourseState): PatientEvent[] {
  switch (command.type) {
    case 'RecordFact':
      return [recordFact(command.patientId, command.fact, command.metadata, state)];
    default: {
      const unknown: never = command.type;
      throw DomainError.validation('UNKNOWN_COMMAND', [{ field: 'type', message: `unknown command ${String(unknown)}` }]);
    }
  }
}

function recordFact(patientId: string, raw: { type: unknown; data: unknown }, meta: CommandMetadata, state: CourseState): PatientEvent {
  const fact = validateFact(raw.type, raw.type === 'PatientEnrolled' ? raw.data : resolveSourceDay(state, raw.data));
  if (fact.type === 'PatientEnrolled') {
    if (state.enrolled) throw DomainError.illegal('ALREADY_ENROLLED', `Patient ${patientId} is already enrolled; correct the enrolment instead`, 'type');
  } else if (!state.enrolled) {
    throw DomainError.illegal('NOT_ENROLLED', `Patient ${patientId} is not enrolled: record PatientEnrolled before any other fact`, 'patientId');
  }
  if (fact.type === 'EventCorrected') return envelope(patientId, { ...fact, data: { ...fact.data, correctedData: checkCorrection(state, fact.data.targetEventId, fact.data.correctedData, meta) } }, meta);
  if (fact.type === 'EventRetracted') checkRetraction(state, fact.data.targetEventId);
  if (isClinicalType(fact.type)) {
    checkClinicalDates(state, fact, meta.now);
    checkFactRules(state, fact);
  }
  return envelope(patientId, fact, meta);
}

function standingTarget(state: CourseState, targetEventId: string, field: string): CourseFact {
  const target = state.facts.get(targetEventId);
  if (!target) throw DomainError.illegal('TARGET_NOT_FOUND', `No event ${targetEventId} in this patient's record`, field, targetEventId);
  if (target.retracted) throw DomainError.illegal('TARGET_RETRACTED', `Event ${targetEventId} was retracted; it can be neither corrected nor retracted again`, field, targetEventId);
  return target;
}

function checkCorrection(state: CourseState, targetEventId: string, correctedData: unknown, meta: CommandMetadata): Record<string, unknown> {
  const target = standingTarget(state, targetEventId, 'data.targetEventId');
  const corrected = validateFact(target.type, correctedData, 'data.correctedData');
  if (isClinicalType(corrected.type)) {
    checkClinicalDates(state, corrected, meta.now, 'data.correctedData');
    checkFactRules(state, corrected, targetEventId);
  }
  return corrected.data as Record<string, unknown>;
}

function checkRetraction(state: CourseState, targetEventId: string): void {
  const target = standingTarget(state, targetEventId, 'data.targetEventId');
  if (target.type === 'PatientEnrolled') {
    throw DomainError.illegal('CANNOT_RETRACT_ENROLMENT', 'The enrolment cannot be retracted; correct it instead', 'data.targetEventId', targetEventId);
  }
}

function envelope(patientId: string, fact: PatientEventBody, meta: CommandMetadata): PatientEvent {
  const metadata: { -readonly [K in keyof EventMetadata]: EventMetadata[K] } = {
    eventId: meta.eventId,
    patientId,
    schemaVersion: EVENT_CATALOGUE[fact.type].version,
    recordedAt: meta.now,
    recordedBy: meta.recordedBy,
  };
  copyOptionalMetadata(meta, metadata);
  return { type: fact.type, data: fact.data, metadata } as PatientEvent;
}

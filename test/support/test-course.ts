import { decide, evolve, initialState, type CourseState, type RecordedPatientEvent } from '@app/domain';
import { recordOf, type CourseRecord } from '../../libs/projections/src/course-record.js';

/**
 * Hand-made courses for the line-of-therapy specs: each fact goes through the course decider, as
 * the API would record it, so a test can only describe a course the record accepts. Test support,
 * kept here because it is used by this folder's specs only.
 */
export class TestCourse {
  private state: CourseState = initialState();
  private readonly events: RecordedPatientEvent[] = [];
  private ids = 0;

  constructor(readonly patientId = 'P1') {
    this.fact('PatientEnrolled', { occurredOn: '2020-01-01', studyId: 'T', siteId: 'T', subjectId: patientId, sex: 'female' });
    this.fact('DiagnosisRecorded', { occurredOn: '2020-01-02', disease: 'B-ALL' });
  }

  /** Records a fact and returns its event id. Throws the decider's DomainError for a fact it refuses. */
  fact(type: string, data: Record<string, unknown>): string {
    const eventId = `00000000-0000-4000-8000-${String(++this.ids).padStart(12, '0')}`;
    const decided = decide({ type: 'RecordFact', patientId: this.patientId, fact: { type, data }, metadata: { now: '2026-01-01T00:00:00.000Z', eventId, recordedBy: 'spec' } }, this.state);
    for (const e of decided) {
      this.events.push({ ...e, revision: this.events.length, position: this.events.length + 1 } as RecordedPatientEvent);
      this.state = evolve(this.state, e);
    }
    return eventId;
  }

  chemo(on: string, regimen: string, intent = 'induction', course = 1): string {
    return this.fact('ChemotherapyAdministered', { occurredOn: on, regimen, intent, course });
  }

  assess(on: string, result: string, more: Record<string, unknown> = {}): string {
    return this.fact('ResponseAssessed', { occurredOn: on, method: ['morphology', 'flow-mrd'], result, ...more });
  }

  relapse(on: string): string {
    return this.fact('RelapseRecorded', { occurredOn: on, sites: [{ site: 'bone-marrow' }] });
  }

  progression(on: string, refractory = false): string {
    return this.fact('DiseaseProgressed', { occurredOn: on, sites: [{ site: 'cns' }], refractory });
  }

  lymphodepletion(on: string): string {
    return this.fact('LymphodepletionGiven', { occurredOn: on, agents: [{ drug: 'fludarabine', dosePerDay: { value: 30, unit: 'mg/m2' }, days: [-4, -3, -2] }] });
  }

  infusion(on: string, infusionNumber = 1, target = 'CD19', source = 'autologous'): string {
    return this.fact('CarTInfused', { occurredOn: on, product: { target, source }, dose: { value: 3e6, unit: 'cells/kg' }, infusionNumber });
  }

  hsct(on: string, hsctType = 'haploidentical'): string {
    return this.fact('HsctPerformed', { occurredOn: on, hsctType, graftSource: 'PBSC' });
  }

  supportive(on: string, drug = 'tocilizumab', drugClass = 'anti-IL-6'): string {
    return this.fact('SupportiveTreatmentGiven', { occurredOn: on, drug, drugClass });
  }

  procedure(on: string, kind = 'surgery'): string {
    return this.fact('ProcedurePerformed', { occurredOn: on, kind, site: 'eye' });
  }

  death(on: string): string {
    return this.fact('DeathRecorded', { occurredOn: on, cause: 'disease' });
  }

  lastContact(on: string): string {
    return this.fact('LastContactRecorded', { occurredOn: on, status: 'alive-without-disease' });
  }

  correct(targetEventId: string, correctedData: Record<string, unknown>): string {
    return this.fact('EventCorrected', { targetEventId, correctedData, reason: 'checked against the chart' });
  }

  retract(targetEventId: string): string {
    return this.fact('EventRetracted', { targetEventId, reason: 'entered in error' });
  }

  record(): CourseRecord {
    return recordOf(this.patientId, this.events);
  }
}

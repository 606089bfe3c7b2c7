import { DomainError } from '../errors.js';
import type { PatientEvent } from '../events/envelope.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { initialState, type CourseState } from './state.js';

const NOW = '2026-01-01T10:00:00.000Z';
let ids = 0;
const nextId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

/** given: facts already recorded; when: the fact to record; then: the events or the error. */
function given(...facts: { type: string; data: unknown }[]): { state: CourseState; events: PatientEvent[] } {
  let state = initialState();
  const events: PatientEvent[] = [];
  for (const fact of facts) {
    for (const e of when(state, fact)) {
      state = evolve(state, e);
      events.push(e);
    }
  }
  return { state, events };
}
const when = (state: CourseState, fact: { type: string; data: unknown }) =>
  decide({ type: 'RecordFact', patientId: 'P1', fact, metadata: { now: NOW, eventId: nextId(), recordedBy: 'dr-a', source: 'chart' } }, state);
const rejects = (state: CourseState, fact: { type: string; data: unknown }): DomainError => {
  try {
    when(state, fact);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected the command to be rejected');
};

const enrolled = { type: 'PatientEnrolled', data: { occurredOn: '2020-07-21', studyId: 'S', siteId: 'ZJU', subjectId: 'P1', sex: 'female' } };
const diagnosis = { type: 'DiagnosisRecorded', data: { occurredOn: '2020-07-21', disease: 'B-ALL' } };
const cr = (on: string, scope = 'overall') => ({ type: 'ResponseAssessed', data: { occurredOn: on, method: ['morphology'], result: 'CR', scope } });
const relapse = (on: string) => ({ type: 'RelapseRecorded', data: { occurredOn: on, sites: [{ site: 'bone-marrow' }] } });
const infusion = (on: string) => ({
  type: 'CarTInfused',
  data: { occurredOn: on, product: { target: 'CD19', source: 'autologous' }, dose: { value: 2.99e6, unit: 'cells/kg' }, infusionNumber: 1 },
});

describe('recording a fact', () => {
  it('records an enrolment with who, when, why and the schema version', () => {
    const [event] = when(initialState(), enrolled);
    expect(event).toMatchObject({ type: 'PatientEnrolled', data: { sex: 'female' }, metadata: { patientId: 'P1', recordedBy: 'dr-a', recordedAt: NOW, source: 'chart', schemaVersion: 2 } });
  });

  it('fills defaults from the schema', () => {
    const { events } = given(enrolled, diagnosis);
    expect(events[1]?.data).toMatchObject({ immunophenotype: [], mutations: [] });
  });

  it('allows one enrolment per patient, and nothing before it', () => {
    expect(rejects(given(enrolled).state, enrolled)).toMatchObject({ code: 'ALREADY_ENROLLED', kind: 'illegal-state' });
    expect(rejects(initialState(), diagnosis)).toMatchObject({ code: 'NOT_ENROLLED', field: 'patientId' });
  });

  it('accepts history whose clinical date precedes the enrolment', () => {
    const { state } = given(enrolled);
    expect(when(state, { type: 'DiagnosisRecorded', data: { occurredOn: '2015', disease: 'B-ALL' } })).toHaveLength(1);
  });

  it('names the field of a schema violation', () => {
    const { state } = given(enrolled, diagnosis);
    const wrongUnit = rejects(state, { ...infusion('2020-10-01'), data: { ...infusion('2020-10-01').data, dose: { value: 3e6, unit: 'cells' } } });
    expect(wrongUnit).toMatchObject({ code: 'INVALID_EVENT_DATA', kind: 'validation', field: 'data.dose.unit' });
    const lab = rejects(state, { type: 'LabMeasured', data: { occurredOn: '2020-10-08', analyte: 'IL-6', specimen: 'PB', value: 10, unit: 'mg/L' } });
    expect(lab).toMatchObject({ field: 'data.unit', message: expect.stringContaining('IL-6 is measured in pg/mL') });
    expect(rejects(state, { type: 'DiagnosisRecorded', data: { disease: 'B-ALL' } })).toMatchObject({ field: 'data.occurredOn' });
    expect(rejects(state, { type: 'DiagnosisRecorded', data: { occurredOn: '2021-02-30', disease: 'B-ALL' } })).toMatchObject({ field: 'data.occurredOn' });
    expect(rejects(state, { type: 'DiagnosisRecorded', data: { occurredOn: '2021', disease: 'B-ALL', colour: 'red' } })).toMatchObject({ message: expect.stringContaining('colour') });
  });

  it('rejects an unknown event type and lists the known ones', () => {
    expect(rejects(given(enrolled).state, { type: 'RelapseHappened', data: {} })).toMatchObject({ code: 'UNKNOWN_EVENT_TYPE', field: 'type', message: expect.stringContaining('RelapseRecorded') });
  });

  it('rejects a clinical date in the future', () => {
    expect(rejects(given(enrolled).state, { ...diagnosis, data: { ...diagnosis.data, occurredOn: '2026-01-02' } })).toMatchObject({ code: 'FUTURE_DATE', field: 'data.occurredOn' });
  });

  it('rejects a fact after death, but not one that may fall on the same day', () => {
    const { state } = given(enrolled, diagnosis, { type: 'DeathRecorded', data: { occurredOn: '2021-05-10', cause: 'disease' } });
    expect(rejects(state, { type: 'LastContactRecorded', data: { occurredOn: '2021-05-11', status: 'alive-with-disease' } })).toMatchObject({ code: 'FACT_AFTER_DEATH' });
    expect(when(state, { type: 'LabMeasured', data: { occurredOn: '2021-05', analyte: 'CRP', specimen: 'serum', value: 80, unit: 'mg/L' } })).toHaveLength(1);
    expect(rejects(state, { type: 'DeathRecorded', data: { occurredOn: '2021-05-10', cause: 'disease' } })).toMatchObject({ code: 'ALREADY_DEAD' });
  });

  it('rejects a death dated before facts already recorded', () => {
    const { state } = given(enrolled, diagnosis, { type: 'LastContactRecorded', data: { occurredOn: '2022-03-06', status: 'alive-without-disease' } });
    expect(rejects(state, { type: 'DeathRecorded', data: { occurredOn: '2021-01-01', cause: 'disease' } })).toMatchObject({ code: 'DEATH_BEFORE_RECORDED_FACTS' });
  });

  it('needs a diagnosis on or before an infusion', () => {
    expect(rejects(given(enrolled).state, infusion('2020-10-01'))).toMatchObject({ code: 'INFUSION_WITHOUT_DIAGNOSIS' });
    expect(rejects(given(enrolled, { type: 'DiagnosisRecorded', data: { occurredOn: '2020-11', disease: 'B-ALL' } }).state, infusion('2020-10-01'))).toMatchObject({ code: 'INFUSION_WITHOUT_DIAGNOSIS' });
    expect(when(given(enrolled, diagnosis).state, infusion('2020-10-01'))).toHaveLength(1);
  });

  it('calls new disease without a prior remission progression, not relapse', () => {
    const refractory = given(enrolled, diagnosis, { type: 'ResponseAssessed', data: { occurredOn: '2020-08', method: ['morphology'], result: 'NR' } });
    const error = rejects(refractory.state, relapse('2020-09'));
    expect(error).toMatchObject({ code: 'RELAPSE_WITHOUT_REMISSION', field: 'type', eventId: refractory.events[2]?.metadata.eventId });
    expect(error.message).toMatch(/response NR on 2020-08.*refractory or progressive disease.*DiseaseProgressed/);
    expect(when(given(enrolled, diagnosis, cr('2020-09-01')).state, relapse('2020-10-01'))).toHaveLength(1);
  });

  it('does not count a marrow-only CR as remission, nor a remission after the relapse date', () => {
    expect(rejects(given(enrolled, diagnosis, cr('2020-09-01', 'bone-marrow')).state, relapse('2020-10-01')).code).toBe('RELAPSE_WITHOUT_REMISSION');
    expect(rejects(given(enrolled, diagnosis, cr('2020-11-01')).state, relapse('2020-10-01')).code).toBe('RELAPSE_WITHOUT_REMISSION');
    const twice = given(enrolled, diagnosis, cr('2020-09-01'), relapse('2020-10-01'));
    expect(rejects(twice.state, relapse('2021-04')).message).toContain('relapse on 2020-10-01');
  });

  it('keeps lymphodepletion before the infusion', () => {
    const { state } = given(enrolled, diagnosis);
    const ld = (on: string, planned: string, days = [-4, -3, -2]) => ({ type: 'LymphodepletionGiven', data: { occurredOn: on, plannedInfusionOn: planned, agents: [{ drug: 'fludarabine', dosePerDay: { value: 30, unit: 'mg/m2' }, days }] } });
    expect(rejects(state, ld('2020-10-05', '2020-10-05'))).toMatchObject({ code: 'LYMPHODEPLETION_NOT_BEFORE_INFUSION', field: 'data.occurredOn' });
    expect(rejects(state, ld('2020-10-01', '2020-10-05', [-4, 0]))).toMatchObject({ code: 'INVALID_EVENT_DATA', field: 'data.agents.0.days.1' });
    const withLd = given(enrolled, diagnosis, ld('2020-10-01', '2020-10-05'));
    expect(when(withLd.state, infusion('2020-10-05'))).toHaveLength(1);
  });

  it('derives the date of a "Day +7" fact from the infusion and keeps the offset', () => {
    const { state } = given(enrolled, diagnosis, infusion('2020-10-05'));
    const crs = { type: 'AdverseEventRecorded', data: { grading: 'ASTCT', term: 'CRS', grade: 2, sourceDay: { day: 7, relativeTo: 'car-t-infusion' } } };
    const [event] = when(state, crs);
    expect(event?.data).toMatchObject({ occurredOn: '2020-10-12', sourceDay: { day: 7, relativeTo: 'car-t-infusion' } });
    expect(rejects(state, { ...crs, data: { ...crs.data, occurredOn: '2020-10-13' } })).toMatchObject({ code: 'SOURCE_DAY_MISMATCH', field: 'data.occurredOn' });
    expect(rejects(given(enrolled).state, crs)).toMatchObject({ code: 'SOURCE_DAY_WITHOUT_ANCHOR' });
  });

  it('counts "Day +N" from the latest full-dated infusion, or from the one numbered', () => {
    const second = { type: 'CarTInfused', data: { ...infusion('2021-01-10').data, infusionNumber: 2 } };
    const monthOnly = { type: 'CarTInfused', data: { ...infusion('2021-03').data, infusionNumber: 3 } };
    const { state } = given(enrolled, diagnosis, infusion('2020-10-05'), second, monthOnly);
    const day7 = (extra: Record<string, unknown> = {}, sourceDay: Record<string, unknown> = {}) =>
      ({ type: 'AdverseEventRecorded', data: { grading: 'ASTCT', term: 'CRS', grade: 1, ...extra, sourceDay: { day: 7, relativeTo: 'car-t-infusion', ...sourceDay } } });
    expect(when(state, day7())[0]?.data).toMatchObject({ occurredOn: '2021-01-17' }); // the month-only third infusion cannot anchor a day
    const fromFirst = when(state, day7({}, { infusionNumber: 1 }))[0]?.data as { occurredOn: string; sourceDay: object };
    expect(fromFirst.occurredOn).toBe('2020-10-12');
    expect(fromFirst.sourceDay).toEqual({ day: 7, relativeTo: 'car-t-infusion' }); // the date says which infusion
    expect(when(state, day7({ occurredOn: '2021-01-17' }))[0]?.data).toMatchObject({ occurredOn: '2021-01-17', sourceDay: { day: 7 } });
    expect(rejects(state, day7({}, { infusionNumber: 3 }))).toMatchObject({ code: 'SOURCE_DAY_WITHOUT_ANCHOR' });
  });
});

describe('correcting and retracting', () => {
  const base = () => given(enrolled, diagnosis, infusion('2020-10-05'));

  it('replaces the content of an earlier event, validated against its type', () => {
    const { state, events } = base();
    const target = events[2]?.metadata.eventId as string;
    const fixed = { ...infusion('2020-10-05').data, dose: { value: 2.01e6, unit: 'cells/kg' } };
    const [correction] = when(state, { type: 'EventCorrected', data: { targetEventId: target, correctedData: fixed, reason: 'transcription error' } });
    const after = evolve(state, correction as PatientEvent);
    expect(after.facts.get(target)).toMatchObject({ corrected: true, data: { dose: { value: 2.01e6 } } });
    const bad = rejects(state, { type: 'EventCorrected', data: { targetEventId: target, correctedData: { ...fixed, dose: { value: 1, unit: 'mg' } }, reason: 'x' } });
    expect(bad).toMatchObject({ field: 'data.correctedData.dose.unit' });
    expect(rejects(state, { type: 'EventCorrected', data: { targetEventId: target, correctedData: fixed } })).toMatchObject({ field: 'data.reason' });
  });

  it('only targets existing, standing events of the same patient', () => {
    const { state, events } = base();
    const unknown = '11111111-1111-4111-8111-111111111111';
    expect(rejects(state, { type: 'EventRetracted', data: { targetEventId: unknown, reason: 'x' } })).toMatchObject({ code: 'TARGET_NOT_FOUND', eventId: unknown });
    const target = events[2]?.metadata.eventId as string;
    const [retraction] = when(state, { type: 'EventRetracted', data: { targetEventId: target, reason: 'entered in error' } });
    const after = evolve(state, retraction as PatientEvent);
    expect(after.facts.get(target)?.retracted).toBe(true);
    expect(rejects(after, { type: 'EventRetracted', data: { targetEventId: target, reason: 'again' } })).toMatchObject({ code: 'TARGET_RETRACTED' });
    expect(rejects(after, { type: 'EventCorrected', data: { targetEventId: target, correctedData: infusion('2020-10-05').data, reason: 'x' } })).toMatchObject({ code: 'TARGET_RETRACTED' });
    expect(rejects(after, { type: 'EventRetracted', data: { targetEventId: events[0]?.metadata.eventId, reason: 'x' } })).toMatchObject({ code: 'CANNOT_RETRACT_ENROLMENT' });
  });

  it('applies the rules to the corrected content', () => {
    const { state, events } = base();
    const target = events[1]?.metadata.eventId as string;
    expect(rejects(state, { type: 'EventCorrected', data: { targetEventId: target, correctedData: { ...diagnosis.data, occurredOn: '2027-01-01' }, reason: 'x' } })).toMatchObject({
      code: 'FUTURE_DATE',
      field: 'data.correctedData.occurredOn',
    });
  });

  it('forgets a retracted death, so later facts are allowed again', () => {
    const dead = given(enrolled, diagnosis, { type: 'DeathRecorded', data: { occurredOn: '2021-01-01', cause: 'other' } });
    const [retraction] = when(dead.state, { type: 'EventRetracted', data: { targetEventId: dead.events[2]?.metadata.eventId, reason: 'wrong patient' } });
    const alive = evolve(dead.state, retraction as PatientEvent);
    expect(when(alive, { type: 'LastContactRecorded', data: { occurredOn: '2021-06-01', status: 'alive-without-disease' } })).toHaveLength(1);
  });
});

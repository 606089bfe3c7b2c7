import { isExcluded, type AdtteRow, type TimeToEvent } from './adtte-row.js';
import { deriveTimeToEvent } from './derive-time-to-event.js';
import { EFS, OS } from './endpoint-catalogue.js';
import type { EndpointDefinition } from './endpoint-definition.js';
import { hsctEvent, lastContactCensor, relapseEvent } from './source-catalogue.js';
import { censorSource, eventSource } from './sources.js';
import type { SurvivalFact } from './survival-fact.js';

/**
 * derive_param_tte's precedence rules, numbered as admiral's tests are, each on a tiny hand-made
 * subject. A subject is its facts in stream order: [type, clinical date, data?].
 */
type Line = readonly [type: string, occurredOn: string, data?: Record<string, unknown>];
const subject = (...lines: Line[]) => ({
  studyId: 'ST',
  usubjid: 'P1',
  facts: lines.map(([type, occurredOn, data = {}], revision): SurvivalFact => ({
    eventId: `e${revision}`,
    type,
    occurredOn,
    data: { occurredOn, ...data },
    revision,
    position: 1000 + revision,
  })),
});
const row = (result: TimeToEvent): AdtteRow => {
  if (isExcluded(result)) throw new Error(`excluded: ${result.excluded}`);
  return result;
};
const INFUSED = ['CarTInfused', '2020-01-10'] as const;
const pick = (r: AdtteRow) => ({ ADT: r.ADT, AVAL: r.AVAL, CNSR: r.CNSR, EVNTDESC: r.EVNTDESC, source: r.source });

describe('derive_param_tte precedence', () => {
  it('1. the first event wins, and the row traces to the fact that decided it', () => {
    const s = subject(['PatientEnrolled', '2020-01-01'], INFUSED, ['DeathRecorded', '2020-08-01'], ['RelapseRecorded', '2020-05-01'], ['LastContactRecorded', '2020-07-01']);
    const r = row(deriveTimeToEvent(s, EFS));
    expect(pick(r)).toEqual({ ADT: '2020-05-01', AVAL: 112, CNSR: 0, EVNTDESC: 'RELAPSE', source: 'relapse_event' });
    expect(r).toMatchObject({ STUDYID: 'ST', USUBJID: 'P1', PARAMCD: 'EFS', STARTDT: '2020-01-10', STARTDTF: null, ADTF: null, AVALU: 'DAYS', CNSDTDSC: null });
    expect(r).toMatchObject({ SRCDOM: 'RelapseRecorded', SRCVAR: 'occurredOn', SRCSEQ: 4, eventId: 'e3', position: 1003, originEventId: 'e1', originPosition: 1001 });
    expect(r.months).toBeCloseTo(112 / 30.4375, 12);
  });

  it('2. events on the same day: the earlier-listed event source wins', () => {
    const s = subject(INFUSED, ['HsctPerformed', '2020-05-01'], ['RelapseRecorded', '2020-05-01']);
    expect(row(deriveTimeToEvent(s, EFS)).EVNTDESC).toBe('RELAPSE');
    const hsctFirst: EndpointDefinition = { ...EFS, events: [hsctEvent, relapseEvent] };
    expect(row(deriveTimeToEvent(s, hsctFirst)).EVNTDESC).toBe('BRIDGING TO HSCT');
  });

  it('3. no event: the last censoring wins; on the same day, the later-listed censor source', () => {
    const s = subject(INFUSED, ['LastContactRecorded', '2020-09-01'], ['LastContactRecorded', '2020-06-01'], ['ResponseAssessed', '2020-09-01']);
    expect(pick(row(deriveTimeToEvent(s, OS)))).toEqual({ ADT: '2020-09-01', AVAL: 235, CNSR: 1, EVNTDESC: 'LAST CONTACT', source: 'lastcontact_censor' });
    const assessed = censorSource({ name: 'assessment_censor', select: { type: 'ResponseAssessed' }, cnsr: 5, cnsdtdsc: 'LAST ASSESSMENT' });
    expect(row(deriveTimeToEvent(s, { ...OS, censors: [lastContactCensor, assessed] })).source).toBe('assessment_censor');
    expect(row(deriveTimeToEvent(s, { ...OS, censors: [assessed, lastContactCensor] })).source).toBe('lastcontact_censor');
  });

  it('4. an event dated before the origin is clamped to the origin and flagged (admiral: ADT = max(ADT, STARTDT))', () => {
    const s = subject(['DeathRecorded', '2020-01-05'], INFUSED, ['LastContactRecorded', '2020-03-01']);
    const anyTime = eventSource({ name: 'death_any_time', select: { type: 'DeathRecorded', window: 'any-time' }, evntdesc: 'DEATH' });
    const r = row(deriveTimeToEvent(s, { ...OS, events: [anyTime] }));
    expect(r).toMatchObject({ ADT: '2020-01-10', AVAL: 0, CNSR: 0, clampedToOrigin: true, eventId: 'e0' });
    // The default window looks only after the origin: the same fact is then history, not an event.
    expect(row(deriveTimeToEvent(s, OS))).toMatchObject({ CNSR: 1, clampedToOrigin: false });
  });

  it('5. no origin: the subject is excluded, with the reason', () => {
    const s = subject(['PatientEnrolled', '2020-01-01'], ['LastContactRecorded', '2020-03-01']);
    expect(deriveTimeToEvent(s, EFS)).toEqual({ STUDYID: 'ST', USUBJID: 'P1', PARAMCD: 'EFS', excluded: 'no origin: no first_infusion fact (CarTInfused) in the record' });
    expect(deriveTimeToEvent(subject(INFUSED), EFS)).toMatchObject({ excluded: 'no event and no censoring after the origin' });
  });

  it('6. a data cutoff ignores later facts and censors at the cutoff those followed past it', () => {
    const s = subject(INFUSED, ['LastContactRecorded', '2020-04-01'], ['RelapseRecorded', '2020-07-01'], ['LastContactRecorded', '2020-09-01']);
    expect(row(deriveTimeToEvent(s, EFS, { cutoff: '2020-06-30' }))).toMatchObject({
      ADT: '2020-06-30', AVAL: 172, CNSR: 2, EVNTDESC: 'DATA CUTOFF', CNSDTDSC: 'DATA CUTOFF', source: 'data_cutoff', SRCDOM: 'CUTOFF', SRCVAR: 'DCUTDT', SRCSEQ: null, eventId: null,
    });
    expect(pick(row(deriveTimeToEvent(s, EFS, { cutoff: '2020-07-01' })))).toMatchObject({ ADT: '2020-07-01', CNSR: 0, EVNTDESC: 'RELAPSE' });
    const lost = subject(INFUSED, ['LastContactRecorded', '2020-04-01']);
    expect(row(deriveTimeToEvent(lost, EFS, { cutoff: '2020-06-30' }))).toMatchObject({ ADT: '2020-04-01', CNSR: 1 });
    expect(deriveTimeToEvent(s, EFS, { cutoff: '2020-01-09' })).toMatchObject({ excluded: expect.stringContaining('on or before the data cutoff 2020-01-09') });
    expect(() => deriveTimeToEvent(s, EFS, { cutoff: '2020-02-30' })).toThrow(RangeError);
    expect(() => deriveTimeToEvent(s, EFS, { cutoff: '2020-06' })).toThrow('the data cutoff must be a date YYYY-MM-DD; got "2020-06"');
  });

  it('7. a partial date imputed past the cutoff is capped at the cutoff', () => {
    const s = subject(INFUSED, ['RelapseRecorded', '2020-06']);
    const r = row(deriveTimeToEvent(s, { ...EFS, imputation: { event: 'last' } }, { cutoff: '2020-06-20' }));
    expect(r).toMatchObject({ ADT: '2020-06-20', ADTF: null, CNSR: 0, cappedAtCutoff: true });
  });

  it('8. retracted facts never count', () => {
    const s = subject(INFUSED, ['RelapseRecorded', '2020-05-01'], ['LastContactRecorded', '2020-09-01']);
    const retracted = { ...s, facts: s.facts.map((f) => (f.type === 'RelapseRecorded' ? { ...f, retracted: true } : f)) };
    expect(pick(row(deriveTimeToEvent(retracted, EFS)))).toMatchObject({ ADT: '2020-09-01', CNSR: 1 });
    const noOrigin = { ...s, facts: s.facts.map((f) => (f.type === 'CarTInfused' ? { ...f, retracted: true } : f)) };
    expect(isExcluded(deriveTimeToEvent(noOrigin, EFS))).toBe(true);
  });

  it('9. AVAL adds one day only when the endpoint says so (admiral derive_vars_duration add_one = TRUE)', () => {
    const s = subject(INFUSED, ['DeathRecorded', '2020-01-10'], ['LastContactRecorded', '2020-01-01']);
    expect(row(deriveTimeToEvent(s, OS)).AVAL).toBe(0);
    expect(row(deriveTimeToEvent(s, { ...OS, addOneDay: true })).AVAL).toBe(1);
  });
});

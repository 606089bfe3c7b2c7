import { isExcluded, type AdtteRow, type TimeToEvent } from './adtte-row.js';
import { deriveTimeToEvent } from './derive-time-to-event.js';
import { EFS } from './endpoint-catalogue.js';
import type { DateImputation } from './endpoint-definition.js';
import { imputeDate } from './partial-dates.js';
import type { SurvivalFact } from './survival-fact.js';

/** Partial dates: admiral's date_imputation 'first' / 'mid' / 'last', with ADaM's --DTF flags. */
const fact = (revision: number, type: string, occurredOn: string): SurvivalFact => ({ eventId: `e${revision}`, type, occurredOn, data: { occurredOn }, revision, position: revision + 1 });
const row = (result: TimeToEvent): AdtteRow => {
  if (isExcluded(result)) throw new Error(result.excluded);
  return result;
};

describe('partial-date imputation', () => {
  it.each<[DateImputation, string, string]>([
    ['first', '2021-04-01', '2021-01-01'],
    ['middle', '2021-04-15', '2021-06-30'],
    ['last', '2021-04-30', '2021-12-31'],
  ])('1. under "%s", 2021-04 is %s (flag D) and 2021 is %s (flag M)', (rule, month, year) => {
    expect(imputeDate('2021-04', rule)).toEqual({ date: month, flag: 'D' });
    expect(imputeDate('2021', rule)).toEqual({ date: year, flag: 'M' });
    expect(imputeDate('2021-04-09', rule)).toEqual({ date: '2021-04-09', flag: null });
  });

  it('2. the last day of February follows the calendar', () => {
    expect(imputeDate('2020-02', 'last').date).toBe('2020-02-29');
    expect(imputeDate('2021-02', 'last').date).toBe('2021-02-28');
  });

  it.each<[DateImputation, string, number]>([
    ['first', '2021-04-01', 90],
    ['middle', '2021-04-15', 104],
    ['last', '2021-04-30', 119],
  ])('3. an event in 2021-04 under "%s" is ADT %s, AVAL %i, ADTF D', (event, ADT, AVAL) => {
    const facts = [fact(0, 'CarTInfused', '2021-01-01'), fact(1, 'RelapseRecorded', '2021-04'), fact(2, 'LastContactRecorded', '2021-12-01')];
    const r = row(deriveTimeToEvent({ studyId: 'ST', usubjid: 'P1', facts }, { ...EFS, imputation: { event } }));
    expect(r).toMatchObject({ ADT, AVAL, ADTF: 'D', CNSR: 0, STARTDTF: null });
  });

  it('4. the origin and the censoring have rules of their own', () => {
    const facts = [fact(0, 'CarTInfused', '2020-10'), fact(1, 'LastContactRecorded', '2021')];
    const r = row(deriveTimeToEvent({ studyId: 'ST', usubjid: 'P1', facts }, { ...EFS, imputation: { origin: 'middle', censor: 'last' } }));
    expect(r).toMatchObject({ STARTDT: '2020-10-15', STARTDTF: 'D', ADT: '2021-12-31', ADTF: 'M', AVAL: 442, CNSR: 1 });
  });

  it('5. an event in the origin month, imputed before the origin day, is clamped and takes the origin flag', () => {
    const facts = [fact(0, 'CarTInfused', '2020-10'), fact(1, 'RelapseRecorded', '2020-10')];
    const r = row(deriveTimeToEvent({ studyId: 'ST', usubjid: 'P1', facts }, { ...EFS, imputation: { origin: 'middle', event: 'first' } }));
    expect(r).toMatchObject({ STARTDT: '2020-10-15', ADT: '2020-10-15', ADTF: 'D', AVAL: 0, clampedToOrigin: true });
  });

  it('6. a fact dated the origin month but recorded before the origin is history, not an event', () => {
    // Seed 001: the October 2020 relapse that led to the October 2020 infusion.
    const facts = [fact(0, 'RelapseRecorded', '2020-10'), fact(1, 'CarTInfused', '2020-10'), fact(2, 'LastContactRecorded', '2021-03-06')];
    expect(row(deriveTimeToEvent({ studyId: 'ST', usubjid: 'P1', facts }, EFS))).toMatchObject({ CNSR: 1, ADT: '2021-03-06' });
  });
});

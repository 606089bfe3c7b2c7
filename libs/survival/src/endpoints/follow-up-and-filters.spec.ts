import { isExcluded, type AdtteRow, type TimeToEvent } from './adtte-row.js';
import { deriveTimeToEvent } from './derive-time-to-event.js';
import { EFS, EFS_CENSORED_AT_HSCT, OS, RFS } from './endpoint-catalogue.js';
import type { EndpointDefinition, FieldFilter } from './endpoint-definition.js';
import { diagnosisOrigin, lastContactCensor, newTherapyCensor } from './source-catalogue.js';
import { eventSource } from './sources.js';
import type { SurvivalFact } from './survival-fact.js';

/** Censorings that end follow-up, other origins, and filters on the facts' data. */
type Line = readonly [type: string, occurredOn: string, data?: Record<string, unknown>];
const subject = (...lines: Line[]) => ({
  studyId: 'ST',
  usubjid: 'P1',
  facts: lines.map(([type, occurredOn, data = {}], revision): SurvivalFact => ({ eventId: `e${revision}`, type, occurredOn, data: { occurredOn, ...data }, revision, position: revision + 1 })),
});
const row = (result: TimeToEvent): AdtteRow => {
  if (isExcluded(result)) throw new Error(result.excluded);
  return result;
};
const INFUSED = ['CarTInfused', '2020-01-10', { product: { target: 'CD19', source: 'autologous' } }] as const;

describe('follow-up that ends at a censoring', () => {
  const s = subject(INFUSED, ['HsctPerformed', '2020-04-01'], ['RelapseRecorded', '2020-06-01'], ['LastContactRecorded', '2020-09-01']);

  it('1. bridging to HSCT is an event in seed 000 EFS', () => {
    expect(row(deriveTimeToEvent(s, EFS))).toMatchObject({ ADT: '2020-04-01', CNSR: 0, EVNTDESC: 'BRIDGING TO HSCT' });
  });

  it('2. censored at HSCT: the relapse after it does not count, nor the later last contact', () => {
    expect(row(deriveTimeToEvent(s, EFS_CENSORED_AT_HSCT))).toMatchObject({ ADT: '2020-04-01', AVAL: 82, CNSR: 3, CNSDTDSC: 'HSCT', EVNTDESC: 'HSCT', source: 'hsct_censor', eventId: 'e1' });
  });

  it('3. an event on the day follow-up ends still counts', () => {
    const sameDay = subject(INFUSED, ['HsctPerformed', '2020-04-01'], ['DeathRecorded', '2020-04-01']);
    expect(row(deriveTimeToEvent(sameDay, EFS_CENSORED_AT_HSCT))).toMatchObject({ CNSR: 0, EVNTDESC: 'DEATH' });
  });

  it('4. a second CAR-T infusion or chemotherapy after the origin is new therapy; the first infusion is not', () => {
    const def: EndpointDefinition = { ...RFS, censors: [lastContactCensor, newTherapyCensor] };
    const second = subject(INFUSED, ['CarTInfused', '2020-03-01'], ['RelapseRecorded', '2020-05-01'], ['LastContactRecorded', '2020-09-01']);
    expect(row(deriveTimeToEvent(second, def))).toMatchObject({ ADT: '2020-03-01', CNSR: 4, CNSDTDSC: 'NEW ANTICANCER THERAPY', eventId: 'e1' });
    const none = subject(INFUSED, ['LastContactRecorded', '2020-09-01']);
    expect(row(deriveTimeToEvent(none, def))).toMatchObject({ ADT: '2020-09-01', CNSR: 1 });
  });

  it('5. OS from diagnosis: another origin, the same sources', () => {
    const s2 = subject(['PatientEnrolled', '2020-01-05'], ['DiagnosisRecorded', '2019-12'], INFUSED, ['LastContactRecorded', '2020-09-01']);
    expect(row(deriveTimeToEvent(s2, { ...OS, origin: diagnosisOrigin }))).toMatchObject({ STARTDT: '2019-12-01', STARTDTF: 'D', AVAL: 275, originEventId: 'e1' });
  });
});

describe('filters on fact data', () => {
  const s = subject(
    INFUSED,
    ['RelapseRecorded', '2020-03-01', { sites: [{ site: 'bone-marrow' }] }],
    ['RelapseRecorded', '2020-06-01', { sites: [{ site: 'bone-marrow' }, { site: 'cns' }], antigens: [] }],
    ['LastContactRecorded', '2020-09-01'],
  );
  const firstOf = (...where: FieldFilter[]) => {
    const source = eventSource({ name: 'filtered', select: { type: 'RelapseRecorded', where }, evntdesc: 'FILTERED RELAPSE' });
    return row(deriveTimeToEvent(s, { ...RFS, events: [source] }));
  };

  it('1. equals on a path through an array: any element', () => {
    expect(firstOf({ path: 'sites.site', equals: 'cns' }).ADT).toBe('2020-06-01');
  });

  it('2. in: any listed value', () => {
    expect(firstOf({ path: 'sites.site', in: ['testis', 'cns'] }).ADT).toBe('2020-06-01');
    expect(firstOf({ path: 'sites.site', in: ['testis'] }).CNSR).toBe(1);
  });

  it('3. exists: the field is present (an empty array is no value)', () => {
    expect(firstOf({ path: 'antigens', exists: true }).CNSR).toBe(1);
    expect(firstOf({ path: 'antigens', exists: false }).ADT).toBe('2020-03-01');
  });

  it('4. all filters must hold; a type list takes any of its types', () => {
    expect(firstOf({ path: 'sites.site', equals: 'bone-marrow' }, { path: 'sites.site', equals: 'cns' }).ADT).toBe('2020-06-01');
    const either = eventSource({ name: 'either', select: { type: ['DeathRecorded', 'RelapseRecorded'] }, evntdesc: 'EITHER' });
    expect(row(deriveTimeToEvent(s, { ...RFS, events: [either] }))).toMatchObject({ ADT: '2020-03-01', SRCDOM: 'DeathRecorded|RelapseRecorded' });
  });
});

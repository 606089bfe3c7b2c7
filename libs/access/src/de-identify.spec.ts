import { deIdentifyDataset, deIdentifyRow } from './de-identify.js';
import { pseudonymiser } from './pseudonyms.js';

const pseudonymise = pseudonymiser(Buffer.from('k'.repeat(32)));
const row = {
  STUDYID: 'ChiCTR2100041852',
  USUBJID: 'seed000-S001',
  PARAMCD: 'EFS',
  STARTDT: '2021-03-02',
  STARTDTF: null,
  ADT: '2022-01-15',
  ADTF: 'D',
  AVAL: 319,
  months: 10.48,
  CNSR: 0,
  SRCSEQ: 7,
  eventId: '7f0c1f2e-1111-4222-8333-944455556666',
  position: 42,
  originEventId: '7f0c1f2e-1111-4222-8333-944455550000',
  originPosition: 9,
  SUBJID: 'case-1',
  SITEID: "Shanghai Children's Medical Center",
  AGE: 95.4,
  AGEGR1: '>=18',
  SEX: 'male',
  'enrolment.birthDate': '1926-05',
  'enrolment.occurredOn': '2021-01-04',
  'enrolment.ageAtEnrolmentYears': 95,
  'enrolment.patientName': 'Wang Wei',
  'enrolment.siteId': "Shanghai Children's Medical Center",
  'firstInfusion.occurredOn': '2021-03-02',
  'firstInfusion.dose.value': 3.1e6,
  'firstInfusion.product.source': 'autologous',
};

describe('de-identified datasets for analysts', () => {
  it('keeps time, censoring and groupings, and drops or masks every identifier and real date', () => {
    const out = deIdentifyRow(row, pseudonymise);
    expect(out).toMatchObject({ PARAMCD: 'EFS', AVAL: 319, months: 10.48, CNSR: 0, ADTF: 'D', SEX: 'male', AGEGR1: '>=18', 'firstInfusion.dose.value': 3.1e6, 'firstInfusion.product.source': 'autologous' });
    expect(out['USUBJID']).toMatch(/^S[A-Z0-9]{16}$/);
    expect(out['SITEID']).toMatch(/^S[A-Z0-9]{16}$/);
    expect(out['enrolment.siteId']).toBe(out['SITEID']);
    expect(out['AGE']).toBe(90); // "90 or older"
    expect(out['enrolment.ageAtEnrolmentYears']).toBe(90);
    for (const gone of ['STARTDT', 'ADT', 'SRCSEQ', 'eventId', 'position', 'originEventId', 'originPosition', 'SUBJID', 'enrolment.birthDate', 'enrolment.occurredOn', 'enrolment.patientName', 'firstInfusion.occurredOn']) {
      expect(out).not.toHaveProperty([gone]);
    }
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/\d{4}-\d{2}/);
    expect(text).not.toMatch(/seed000|Shanghai|Wang|case-1/);
  });

  it('gives a subject the same pseudonym in every export of a study, another in another study, none without the key', () => {
    expect(deIdentifyRow(row, pseudonymise)['USUBJID']).toBe(deIdentifyRow({ ...row, PARAMCD: 'OS' }, pseudonymise)['USUBJID']);
    expect(deIdentifyRow({ ...row, STUDYID: 'NCT04532268' }, pseudonymise)['USUBJID']).not.toBe(deIdentifyRow(row, pseudonymise)['USUBJID']);
    expect(deIdentifyRow(row, pseudonymiser(Buffer.from('j'.repeat(32))))['USUBJID']).not.toBe(deIdentifyRow(row, pseudonymise)['USUBJID']);
    expect(pseudonymise('S', 'a')).not.toBe(pseudonymise('S', 'b'));
  });

  it('pseudonymises the excluded subjects too', () => {
    const out = deIdentifyDataset({ rows: [row], excluded: [{ STUDYID: 'X', USUBJID: 'seed000-S009', PARAMCD: 'EFS', excluded: 'never infused' }] }, pseudonymise);
    expect(out.deIdentified).toBe(true);
    expect(out.excluded[0]).toMatchObject({ USUBJID: expect.stringMatching(/^S[A-Z0-9]{16}$/), excluded: 'never infused' });
  });
});

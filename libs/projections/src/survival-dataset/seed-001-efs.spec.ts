import { fixtureEvents } from '../../../../test/support/fixture-events.js';
import { EFS, EFS_CENSORED_AT_HSCT, OS, RFS, type EndpointDefinition } from '@app/survival';
import { recordOf } from '../course-record.js';
import { adtteDataset } from './adtte-dataset.js';

/**
 * Seed 001 (Kong et al. 2022): the first infusion is dated only "2020-10", the HSCT "2021-02",
 * the eye relapse "2021-04". Seed 000's EFS counts bridging to HSCT, which comes first.
 */
const PATIENT = 'seed001-P01';
const record = recordOf(PATIENT, fixtureEvents('seed-001.ndjson').get(PATIENT) ?? []);
const idOf = (prefix: string): string => record.facts.find((f) => f.eventId.startsWith(prefix))?.eventId ?? `no fact ${prefix}`;
const only = (endpoint: EndpointDefinition) => {
  const { rows, excluded } = adtteDataset([record], [endpoint]);
  expect(excluded).toEqual([]);
  return rows[0];
};

describe('seed 001 EFS from the first infusion', () => {
  it('EFS: the HSCT of February 2021 (bridging) is the event, both dates imputed to the first and flagged', () => {
    expect(only(EFS)).toMatchObject({
      STUDYID: 'NCT04532268',
      USUBJID: PATIENT,
      STARTDT: '2020-10-01',
      STARTDTF: 'D',
      originEventId: idOf('adbd8c3b'),
      ADT: '2021-02-01',
      ADTF: 'D',
      AVAL: 123,
      CNSR: 0,
      EVNTDESC: 'BRIDGING TO HSCT',
      SRCDOM: 'HsctPerformed',
      eventId: idOf('50abc023'),
      clampedToOrigin: false,
    });
  });

  it('the October 2020 relapse, recorded before the October 2020 infusion, is history and not an event', () => {
    expect(only(RFS)).toMatchObject({ ADT: '2021-04-01', ADTF: 'D', AVAL: 182, EVNTDESC: 'RELAPSE', eventId: idOf('6e5fc444') });
  });

  it('under mid-month imputation the same event lies 123 days out, and at the month end 150', () => {
    expect(only({ ...EFS, imputation: { origin: 'middle', event: 'middle' } })).toMatchObject({ STARTDT: '2020-10-15', ADT: '2021-02-15', AVAL: 123 });
    expect(only({ ...EFS, imputation: { event: 'last' } })).toMatchObject({ STARTDT: '2020-10-01', ADT: '2021-02-28', AVAL: 150 });
  });

  it('EFS censored at HSCT: censored at the HSCT, the eye relapse after it not counted', () => {
    expect(only(EFS_CENSORED_AT_HSCT)).toMatchObject({ ADT: '2021-02-01', ADTF: 'D', AVAL: 123, CNSR: 3, CNSDTDSC: 'HSCT' });
  });

  it('OS: alive at the last follow-up of 6 March 2022', () => {
    expect(only(OS)).toMatchObject({ ADT: '2022-03-06', ADTF: null, AVAL: 521, CNSR: 1, eventId: idOf('0393ea54') });
  });

  it('a cutoff before the HSCT censors at the cutoff: she was followed past it', () => {
    const { rows } = adtteDataset([record], [EFS], { cutoff: '2020-12-31' });
    expect(rows[0]).toMatchObject({ ADT: '2020-12-31', AVAL: 91, CNSR: 2, EVNTDESC: 'DATA CUTOFF', eventId: null });
  });

  it('baseline: an adult, autologous CD19 product, the relapse before it in the marrow only', () => {
    expect(only(EFS)).toMatchObject({ AGE: 62, AGEGR1: '>=18', SEX: 'female', CARTSRC: 'autologous', CARTTGT: 'CD19', EMSITE: 'none', 'firstInfusion.transductionEfficiency.value': 51.5 });
  });
});

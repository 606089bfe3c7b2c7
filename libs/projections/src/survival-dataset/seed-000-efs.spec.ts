import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fixtureEvents } from '../../../../test/support/fixture-events.js';
import { EFS, EFS_CENSORED_AT_HSCT, OS } from '@app/survival';
import { recordOf } from '../course-record.js';
import { adtteDataset, type AdtteDatasetRow } from './adtte-dataset.js';

/**
 * Seed 000 (8 children, EM + marrow relapse, CD19 CAR-T): the EFS rows against the per-patient
 * table in the fixture's header, and the published Kaplan-Meier EFS, 24/35 at 12 months and
 * 18/35 at 24 months, recomputed from those rows.
 */
const FIXTURE = resolve(import.meta.dirname, '../../../../test/fixtures/seed-000.ndjson');
const records = [...fixtureEvents('seed-000.ndjson')].map(([patientId, events]) => recordOf(patientId, events));
const { rows, excluded } = adtteDataset(records, [EFS, OS, EFS_CENSORED_AT_HSCT]);
const param = (paramcd: string): AdtteDatasetRow[] => rows.filter((r) => r.PARAMCD === paramcd);

/** "#   S001  2017-09-27 | event (hsct) day 196 | ..." -> the header's word for each patient. */
const header = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .flatMap((line) => {
    const m = /^#\s+(S\d{3})\s+(\d{4}-\d{2}-\d{2}) \| (?:event \((\w+)\)|censored) day (\d+) \|/.exec(line);
    return m ? [{ subject: m[1], infusion: m[2], event: m[3] ?? null, day: Number(m[4]) }] : [];
  });

/** Product-limit estimate at `t`; on tied times, events are taken before censorings leave the risk set. */
function kaplanMeier(data: readonly { time: number; event: boolean }[], t: number): number {
  let survival = 1;
  let atRisk = data.length;
  for (const time of [...new Set(data.map((d) => d.time))].sort((a, b) => a - b)) {
    if (time > t) break;
    const here = data.filter((d) => d.time === time);
    survival *= 1 - here.filter((d) => d.event).length / atRisk;
    atRisk -= here.length;
  }
  return survival;
}

describe('seed 000 EFS', () => {
  const efs = param('EFS');

  it('has one row per patient per endpoint, nobody excluded', () => {
    expect(header).toHaveLength(8);
    expect(rows).toHaveLength(24);
    expect(excluded).toEqual([]);
  });

  it('gives each patient the EFS time, event and origin of the fixture header', () => {
    const got = efs.map((r) => ({ subject: r.SUBJID, infusion: r.STARTDT, event: r.CNSR === 0 ? r.source.replace('_event', '') : null, day: r.AVAL }));
    expect(got).toEqual(header);
  });

  it('says, for every row, which fact decided it', () => {
    expect(efs.map((r) => [r.SUBJID, r.AVAL, r.CNSR, r.EVNTDESC])).toEqual([
      ['S001', 196, 0, 'BRIDGING TO HSCT'],
      ['S002', 771, 0, 'RELAPSE'],
      ['S003', 860, 1, 'LAST CONTACT'],
      ['S004', 512, 0, 'RELAPSE'],
      ['S005', 560, 1, 'LAST CONTACT'],
      ['S006', 301, 0, 'RELAPSE'],
      ['S007', 250, 1, 'LAST CONTACT'],
      ['S008', 178, 1, 'LAST CONTACT'],
    ]);
    for (const r of efs) {
      const fact = records.find((rec) => rec.patientId === r.USUBJID)?.facts.find((f) => f.eventId === r.eventId);
      expect(fact).toMatchObject({ occurredOn: r.ADT, position: r.position, revision: (r.SRCSEQ ?? 0) - 1, type: r.SRCDOM });
      expect([r.STARTDTF, r.ADTF, r.clampedToOrigin]).toEqual([null, null, false]);
    }
  });

  it('reproduces the published Kaplan-Meier EFS: 24/35 at 12 months, 18/35 at 24 months, under 30.4375- and 30-day months', () => {
    const byMonths = efs.map((r) => ({ time: r.months, event: r.CNSR === 0 }));
    expect(kaplanMeier(byMonths, 12)).toBeCloseTo(24 / 35, 12);
    expect(kaplanMeier(byMonths, 24)).toBeCloseTo(18 / 35, 12);
    const by30 = efs.map((r) => ({ time: r.AVAL / 30, event: r.CNSR === 0 }));
    expect(kaplanMeier(by30, 12)).toBeCloseTo(24 / 35, 12);
    expect(kaplanMeier(by30, 24)).toBeCloseTo(18 / 35, 12);
  });

  it('OS: nobody died, everyone is censored at last contact and survival stays 1', () => {
    const os = param('OS');
    expect(os.every((r) => r.CNSR === 1 && r.EVNTDESC === 'LAST CONTACT')).toBe(true);
    expect(kaplanMeier(os.map((r) => ({ time: r.AVAL, event: false })), 10_000)).toBe(1);
    expect(os.map((r) => r.AVAL)).toEqual([1199, 1010, 860, 720, 560, 479, 250, 178]);
  });

  it('EFS censored at HSCT: S001 is censored at its HSCT, the others as in EFS', () => {
    const [s001, ...others] = param('EFSHSCTC');
    expect(s001).toMatchObject({ SUBJID: 'S001', ADT: '2018-04-11', AVAL: 196, CNSR: 3, CNSDTDSC: 'HSCT', SRCDOM: 'HsctPerformed' });
    expect(others.map((r) => [r.AVAL, r.CNSR])).toEqual(efs.slice(1).map((r) => [r.AVAL, r.CNSR]));
  });

  it('carries the baseline: EM sites of the enrolling relapse, CAR-T product, age group, site, sex', () => {
    const count = (key: keyof AdtteDatasetRow) => efs.reduce<Record<string, number>>((acc, r) => ({ ...acc, [String(r[key])]: (acc[String(r[key])] ?? 0) + 1 }), {});
    expect(count('EMSITE')).toEqual({ CNS: 4, testis: 1, subcutaneous: 2, 'CNS+testis': 1 });
    expect(count('CARTSRC')).toEqual({ autologous: 8 });
    expect(count('CARTTGT')).toEqual({ CD19: 8 });
    expect(count('SITEID')).toEqual({ "Shanghai Children's Medical Center": 6, "Children's Hospital of Soochow University": 2 });
    expect(count('AGEGR1')).toEqual({ '<10': 7, '10-17': 1 });
    const ages = efs.map((r) => r.AGE ?? NaN);
    expect(ages.reduce((a, b) => a + b, 0) / 8).toBeCloseTo(7.9, 1);
    expect([Math.min(...ages), Math.max(...ages)]).toEqual([4.3, 13]);
    expect(efs[4]).toMatchObject({ SUBJID: 'S005', SEX: 'male', 'firstInfusion.dose.value': 14e6, 'firstInfusion.product.state': 'fresh', 'enrolment.studyId': 'ChiCTR2100041852' });
  });
});

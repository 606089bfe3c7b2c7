import { TestCourse } from '../../../../test/support/test-course.js';
import { EFS, OS } from '@app/survival';
import { adtteDataset } from './adtte-dataset.js';
import { survivalFactsOf } from './survival-facts.js';

/** Amendments reach the dataset through the record: a correction's date is used, a retraction removes the fact. */
const course = () => {
  const c = new TestCourse();
  const infusion = c.infusion('2020-02-01');
  c.assess('2020-03-01', 'CR');
  const relapse = c.relapse('2020-06-01');
  c.lastContact('2020-12-01');
  return { c, infusion, relapse };
};

describe('survival facts from the record', () => {
  it('1. the corrected date is the one used; the row traces to the original fact, at its own revision', () => {
    const { c, relapse } = course();
    c.correct(relapse, { occurredOn: '2020-07-15', sites: [{ site: 'cns' }] });
    const [row] = adtteDataset([c.record()], [EFS]).rows;
    expect(row).toMatchObject({ ADT: '2020-07-15', AVAL: 165, CNSR: 0, eventId: relapse, SRCSEQ: 5 });
  });

  it('2. a retracted relapse is not an event', () => {
    const { c, relapse } = course();
    c.retract(relapse);
    expect(survivalFactsOf(c.record()).map((f) => f.eventId)).not.toContain(relapse);
    expect(adtteDataset([c.record()], [EFS]).rows[0]).toMatchObject({ ADT: '2020-12-01', CNSR: 1 });
  });

  it('3. a retracted infusion leaves no origin: the patient is listed as excluded, with the reason', () => {
    const { c, infusion } = course();
    c.retract(infusion);
    const { rows, excluded } = adtteDataset([c.record()], [EFS, OS]);
    expect(rows).toEqual([]);
    expect(excluded).toEqual([
      { STUDYID: 'T', USUBJID: 'P1', PARAMCD: 'EFS', excluded: 'no origin: no first_infusion fact (CarTInfused) in the record' },
      { STUDYID: 'T', USUBJID: 'P1', PARAMCD: 'OS', excluded: 'no origin: no first_infusion fact (CarTInfused) in the record' },
    ]);
  });

  it('4. facts keep their clinical date, stream revision and log position', () => {
    const { c, infusion } = course();
    expect(survivalFactsOf(c.record()).find((f) => f.eventId === infusion)).toMatchObject({ type: 'CarTInfused', occurredOn: '2020-02-01', revision: 2, position: 3 });
  });

  it('5. a malformed data cutoff is refused as a validation error on the field', () => {
    expect(() => adtteDataset([course().c.record()], [EFS], { cutoff: '2020-02-30' })).toThrow(expect.objectContaining({ code: 'INVALID_CUTOFF', field: 'cutoff' }));
  });
});

import { deriveLinesOfTherapy } from './derive-lines.js';
import { TestCourse } from '../../../../test/support/test-course.js';

/** What a line reached, how it ended and where the patient stands: amendments, death, MRD. */
const derive = (course: TestCourse) => deriveLinesOfTherapy(course.record());
const assessment = (on: string, result: string) => ({ occurredOn: on, scope: 'overall', method: ['morphology', 'flow-mrd'], sites: [], result });

describe('what a line reached and how it ended', () => {
  it('given a retracted course, then the regimen leaves its line and the line it seemed to open is gone', () => {
    const course = new TestCourse();
    course.chemo('2020-02-01', 'hyper-CVAD-A', 'induction', 1);
    const repeat = course.chemo('2020-03-01', 'hyper-CVAD-A', 'induction', 2);
    const wrong = course.chemo('2020-03-05', 'blinatumomab', 'salvage');
    expect(derive(course).lines.map((l) => l.regimens.map((r) => `${r.name} x${r.courses}`))).toEqual([['hyper-CVAD-A x2'], ['blinatumomab x1']]);
    course.retract(repeat);
    course.retract(wrong);
    const { lines } = derive(course);
    expect(lines.map((l) => l.regimens.map((r) => `${r.name} x${r.courses}`))).toEqual([['hyper-CVAD-A x1']]);
    expect(lines[0]?.eventIds).not.toContain(repeat);
  });

  it('given a corrected response result, then the best response follows the correction', () => {
    const course = new TestCourse();
    course.chemo('2020-02-01', 'VDLP');
    const pr = course.assess('2020-03-01', 'PR');
    expect(derive(course).lines[0]?.bestResponse).toEqual({ result: 'PR', on: '2020-03-01', eventId: pr });
    course.correct(pr, { ...assessment('2020-03-01', 'CR'), mrd: { value: 0.005, unit: '%' } });
    expect(derive(course).lines[0]?.bestResponse).toEqual({ result: 'CR', on: '2020-03-01', eventId: pr, mrd: 0.005, mrdNegative: true });
    expect(derive(course).currentState).toMatchObject({ status: 'remission-mrd-negative', eventId: pr, mrd: 0.005 });
  });

  it('given several responses, then the deepest is best and, at the same result, the lower MRD; an MRD of 0.01% is positive', () => {
    const course = new TestCourse();
    course.chemo('2020-02-01', 'VDLP');
    course.assess('2020-03-01', 'PR');
    const first = course.assess('2020-04-01', 'CR', { mrd: { value: 0.01, unit: '%' } });
    course.assess('2020-05-01', 'CR');
    expect(derive(course).lines[0]?.bestResponse).toEqual({ result: 'CR', on: '2020-04-01', eventId: first, mrd: 0.01, mrdNegative: false });
    const deeper = course.assess('2020-06-01', 'CR', { mrd: { value: 0.001, unit: '%' } });
    expect(derive(course).lines[0]?.bestResponse).toMatchObject({ eventId: deeper, mrdNegative: true });
  });

  it('counts only overall assessments: a marrow CR with disease elsewhere is no best response of the line', () => {
    const course = new TestCourse();
    course.lymphodepletion('2020-02-20');
    course.infusion('2020-02-25');
    const marrow = course.assess('2020-03-25', 'CR', { scope: 'bone-marrow', mrd: { value: 0, unit: '%' } });
    const [line] = derive(course).lines;
    expect(line?.bestResponse).toBeUndefined();
    expect(line?.eventIds).toContain(marrow);
    expect(derive(course).currentState?.status).toBe('on-treatment');
  });

  it('given death during a line, then the line ends with death and the patient is dead', () => {
    const course = new TestCourse();
    course.lymphodepletion('2020-02-20');
    course.infusion('2020-02-25');
    const death = course.death('2020-03-10');
    const { lines, currentState } = derive(course);
    expect(lines.map((l) => l.outcome)).toEqual([{ reason: 'death', on: '2020-03-10', eventId: death }]);
    expect(lines[0]?.end).toBe('2020-03-10');
    expect(currentState).toEqual({ status: 'dead', on: '2020-03-10', eventId: death });
  });

  it('given death after a relapse, then the line keeps its relapse and the patient is dead', () => {
    const course = new TestCourse();
    course.chemo('2020-02-01', 'VDLP');
    course.assess('2020-03-01', 'CR');
    course.relapse('2020-09-01');
    course.death('2020-10-01');
    const { lines, currentState } = derive(course);
    expect(lines.map((l) => l.outcome.reason)).toEqual(['relapse']);
    expect(currentState?.status).toBe('dead');
  });

  it('given a non-refractory progression in a line that responded partly, then the line ended by progression', () => {
    const course = new TestCourse();
    course.chemo('2020-02-01', 'VDLP');
    course.assess('2020-03-01', 'PR');
    const pd = course.progression('2020-04-01');
    expect(derive(course).lines[0]?.outcome).toEqual({ reason: 'progression', on: '2020-04-01', eventId: pd });
  });
});

describe("the patient's current state", () => {
  it('follows the course: active disease, on treatment, MRD-positive remission, relapsed, and relapsed still through progression', () => {
    const course = new TestCourse();
    expect(derive(course).currentState?.status).toBe('active-disease');
    const start = course.chemo('2020-02-01', 'VDLP');
    expect(derive(course).currentState).toMatchObject({ status: 'on-treatment', eventId: start });
    course.assess('2020-03-01', 'CR', { mrd: { value: 0.5, unit: '%' } });
    expect(derive(course).currentState).toMatchObject({ status: 'remission-mrd-positive', mrd: 0.5 });
    course.assess('2020-04-01', 'CR', { scope: 'bone-marrow', mrd: { value: 0, unit: '%' } });
    expect(derive(course).currentState?.status).toBe('remission-mrd-negative');
    const relapse = course.relapse('2020-09-01');
    course.progression('2020-10-01');
    expect(derive(course).currentState).toEqual({ status: 'relapsed', on: '2020-09-01', eventId: relapse });
  });

  it('keeps a measured MRD status when a later CR has no MRD value', () => {
    const course = new TestCourse();
    course.chemo('2020-02-01', 'VDLP');
    const measured = course.assess('2020-03-01', 'CR', { mrd: { value: 0, unit: '%' } });
    course.assess('2020-06-01', 'CR');
    expect(derive(course).currentState).toMatchObject({ status: 'remission-mrd-negative', eventId: measured });
  });
});

import { deriveLinesOfTherapy } from './derive-lines.js';
import { DEFAULT_LINE_RULES, type LineRules } from './line-rules.js';
import { TestCourse } from '../../../../test/support/test-course.js';

/** When a line opens: each rule of DOMAIN.md and each option, on tiny hand-made courses. */
const linesOf = (course: TestCourse, rules: Partial<LineRules> = {}) => deriveLinesOfTherapy(course.record(), { ...DEFAULT_LINE_RULES, ...rules }).lines;
const shape = (course: TestCourse, rules: Partial<LineRules> = {}) =>
  linesOf(course, rules).map((l) => ({ kind: l.kind, regimens: l.regimens.map((r) => `${r.name} x${r.courses}`), ended: l.outcome.reason }));

describe('when a line of therapy opens', () => {
  it('given a planned repeat course of the same regimen, then it is the same line', () => {
    const course = new TestCourse();
    course.chemo('2020-02-01', 'hyper-CVAD-A', 'induction', 1);
    course.assess('2020-02-25', 'CR');
    course.chemo('2020-03-01', 'hyper-CVAD-A', 'consolidation', 2);
    expect(shape(course)).toEqual([{ kind: 'chemotherapy', regimens: ['hyper-CVAD-A x2'], ended: 'ongoing' }]);
  });

  it('given no response, when a different regimen begins, then it opens line 2 and line 1 ended refractory', () => {
    const course = new TestCourse();
    course.chemo('2020-02-01', 'venetoclax + prednisone');
    const nr = course.assess('2020-03-01', 'NR');
    course.chemo('2020-03-05', 'hyper-CVAD-A', 're-induction');
    const [first, second] = linesOf(course);
    expect(first?.outcome).toEqual({ reason: 'refractory', on: '2020-03-01', eventId: nr });
    expect(second).toMatchObject({ number: 2, start: '2020-03-05', regimens: [{ name: 'hyper-CVAD-A' }] });
  });

  it('given bridging chemotherapy, lymphodepletion and an infusion, then they are one CAR-T line starting with the bridging', () => {
    const course = new TestCourse();
    course.chemo('2020-02-01', 'VP', 'bridging');
    course.lymphodepletion('2020-02-20');
    course.infusion('2020-02-25');
    expect(shape(course)).toEqual([{ kind: 'car-t', regimens: ['VP x1', 'lymphodepletion (fludarabine) x1', 'autologous CD19 CAR-T x1'], ended: 'ongoing' }]);
    expect(linesOf(course)[0]?.start).toBe('2020-02-01');
  });

  it('given lymphodepletion with no infusion recorded, then it opens no line', () => {
    const course = new TestCourse();
    course.lymphodepletion('2020-02-20');
    expect(linesOf(course)).toEqual([]);
  });

  it('given disease found while bridging, then the CAR-T line goes on to its infusion', () => {
    const course = new TestCourse();
    course.chemo('2020-02-01', 'VP', 'bridging');
    course.progression('2020-02-10');
    course.lymphodepletion('2020-02-20');
    course.infusion('2020-02-25');
    course.assess('2020-03-25', 'CR');
    expect(shape(course)).toEqual([{ kind: 'car-t', regimens: ['VP x1', 'lymphodepletion (fludarabine) x1', 'autologous CD19 CAR-T x1'], ended: 'ongoing' }]);
  });

  describe('an HSCT', () => {
    const carTThenHsct = (relapseFirst: boolean): TestCourse => {
      const course = new TestCourse();
      course.lymphodepletion('2020-02-20');
      course.infusion('2020-02-25');
      course.assess('2020-03-25', 'CR');
      if (relapseFirst) course.relapse('2020-05-01');
      course.hsct('2020-06-01');
      return course;
    };

    it('given remission after CAR-T and no relapse, then it consolidates the CAR-T line', () => {
      const [line, ...rest] = linesOf(carTThenHsct(false));
      expect(rest).toEqual([]);
      expect(line?.consolidation.map((c) => c.name)).toEqual(['haploidentical HSCT']);
      expect(line?.outcome.reason).toBe('ongoing');
    });

    it('given a relapse after CAR-T, then it opens an HSCT line', () => {
      expect(shape(carTThenHsct(true))).toEqual([
        { kind: 'car-t', regimens: ['lymphodepletion (fludarabine) x1', 'autologous CD19 CAR-T x1'], ended: 'relapse' },
        { kind: 'hsct', regimens: ['haploidentical HSCT x1'], ended: 'ongoing' },
      ]);
    });

    it('given the option "own-line", then a transplant in remission is a line, begun in remission so its maintenance is planned', () => {
      const course = carTThenHsct(false);
      course.chemo('2020-09-01', '6-MP + MTX', 'maintenance');
      expect(shape(course, { hsct: 'own-line' }).map((l) => [l.kind, l.regimens.at(-1), l.ended])).toEqual([
        ['car-t', 'autologous CD19 CAR-T x1', 'next-line'],
        ['hsct', '6-MP + MTX x1', 'ongoing'],
      ]);
    });

    it('given a chemotherapy remission, then it consolidates that line, unless only CAR-T lines are consolidated', () => {
      const course = new TestCourse();
      course.chemo('2020-02-01', 'FLAG-IDA', 're-induction');
      course.assess('2020-03-01', 'CR');
      course.hsct('2020-05-01', 'allogeneic');
      expect(linesOf(course).map((l) => l.consolidation.length)).toEqual([1]);
      expect(shape(course, { hsct: 'consolidates-car-t-line-only' }).map((l) => l.kind)).toEqual(['chemotherapy', 'hsct']);
    });
  });

  it('given supportive drugs and local therapy, then they open nothing and join no line', () => {
    const course = new TestCourse();
    course.lymphodepletion('2020-02-20');
    course.infusion('2020-02-25');
    const tocilizumab = course.supportive('2020-02-28');
    course.assess('2020-03-25', 'CR');
    course.relapse('2020-05-01');
    const surgery = course.procedure('2020-05-10');
    const steroid = course.supportive('2020-06-01', 'prednisone', 'corticosteroid');
    const lines = linesOf(course);
    expect(lines).toHaveLength(1);
    const inLines = new Set(lines.flatMap((l) => l.eventIds));
    expect([tocilizumab, surgery, steroid].filter((id) => inLines.has(id))).toEqual([]);
  });

  it('given progression after a relapse, then no line opens until therapy begins', () => {
    const course = new TestCourse();
    course.lymphodepletion('2020-02-20');
    course.infusion('2020-02-25');
    course.assess('2020-03-25', 'CR');
    course.relapse('2020-05-01');
    course.progression('2020-06-01');
    expect(shape(course).map((l) => l.ended)).toEqual(['relapse']);
    course.lymphodepletion('2020-07-01');
    course.infusion('2020-07-05', 2, 'CD19/CD22', 'donor-derived');
    expect(shape(course).map((l) => [l.kind, l.regimens.at(-1), l.ended])).toEqual([
      ['car-t', 'autologous CD19 CAR-T x1', 'relapse'],
      ['car-t', 'donor-derived CD19/CD22 CAR-T x1', 'ongoing'],
    ]);
  });

  describe('a different regimen without a failure in between', () => {
    const switched = (intent: string): TestCourse => {
      const course = new TestCourse();
      course.chemo('2020-02-01', 'VDLP');
      course.assess('2020-03-01', 'CR');
      course.chemo('2020-03-10', 'HD-MTX', intent);
      return course;
    };

    it('given an unplanned change, then it opens a line, or with "stays-in-line" it does not', () => {
      expect(shape(switched('salvage')).map((l) => [l.regimens, l.ended])).toEqual([[['VDLP x1'], 'next-line'], [['HD-MTX x1'], 'ongoing']]);
      expect(shape(switched('salvage'), { drugChangeWithoutFailure: 'stays-in-line' }).map((l) => l.regimens)).toEqual([['VDLP x1', 'HD-MTX x1']]);
    });

    it('given a planned consolidation in remission, then it stays in the line, unless no intent is taken as planned', () => {
      expect(shape(switched('consolidation')).map((l) => l.regimens)).toEqual([['VDLP x1', 'HD-MTX x1']]);
      expect(shape(switched('consolidation'), { plannedContinuationIntents: [] })).toHaveLength(2);
    });
  });

  it('given SD counted as refractory, then a stable-disease assessment ends a line that never responded', () => {
    const course = new TestCourse();
    course.chemo('2020-02-01', 'VDLP');
    course.assess('2020-03-01', 'SD');
    expect(shape(course).map((l) => l.ended)).toEqual(['ongoing']);
    expect(shape(course, { refractoryResults: ['SD', 'NR', 'PD'] }).map((l) => l.ended)).toEqual(['refractory']);
  });
});

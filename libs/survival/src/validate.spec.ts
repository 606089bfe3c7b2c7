import { isSurvivalError, SurvivalError } from './errors.js';
import { kaplanMeier } from './kaplan-meier.js';
import { logRank } from './log-rank.js';
import { restrictedMean } from './rmst.js';
import { riskTable } from './risk-table.js';
import { survivalAt } from './survival-at.js';
import { toSample, type SurvivalInput } from './validate.js';

function failure(run: () => unknown): SurvivalError {
  try {
    run();
  } catch (e) {
    if (isSurvivalError(e)) return e;
    throw e;
  }
  throw new Error('expected a SurvivalError');
}
const bad = (input: unknown): SurvivalError => failure(() => toSample(input as SurvivalInput));

describe('input validation', () => {
  it('names the subject and the field of a bad time', () => {
    for (const time of [-1, NaN, Infinity, '3', null]) {
      const e = bad([{ time: 1, event: 1 }, { time, event: 0 }]);
      expect(e).toMatchObject({ kind: 'validation', code: 'INVALID_TIME', field: 'data[1].time', index: 1 });
    }
    expect(bad({ time: [1, 2, -0.5], event: [1, 1, 0] })).toMatchObject({ code: 'INVALID_TIME', field: 'time[2]', index: 2 });
  });

  it('takes 0 and 1 as events and nothing else', () => {
    for (const event of [2, true, '1', -1, 0.5, undefined]) {
      expect(bad([{ time: 1, event }])).toMatchObject({ code: 'INVALID_EVENT', field: 'data[0].event', index: 0 });
    }
    expect(bad({ time: [1, 2], event: [1, 2] })).toMatchObject({ code: 'INVALID_EVENT', field: 'event[1]', index: 1 });
  });

  it('wants a group for every subject or for none, each a non-empty string', () => {
    expect(bad([{ time: 1, event: 1, group: 'a' }, { time: 2, event: 1 }])).toMatchObject({ code: 'MISSING_GROUP', index: 1 });
    expect(bad([{ time: 1, event: 1 }, { time: 2, event: 1, group: 'a' }])).toMatchObject({ code: 'MISSING_GROUP', index: 0 });
    expect(bad([{ time: 1, event: 1, group: '' }])).toMatchObject({ code: 'INVALID_GROUP', field: 'data[0].group' });
    expect(bad({ time: [1, 2], event: [1, 1], group: ['a', 7] })).toMatchObject({ code: 'INVALID_GROUP', field: 'group[1]' });
  });

  it('refuses empty data, columns of different lengths and things that are not data', () => {
    expect(bad([])).toMatchObject({ code: 'EMPTY_SAMPLE' });
    expect(bad({ time: [], event: [] })).toMatchObject({ code: 'EMPTY_SAMPLE' });
    expect(bad({ time: [1, 2], event: [1] })).toMatchObject({ code: 'LENGTH_MISMATCH', field: 'event' });
    expect(bad({ time: [1, 2], event: [1, 0], group: ['a'] })).toMatchObject({ code: 'LENGTH_MISMATCH', field: 'group' });
    expect(bad('1,2,3')).toMatchObject({ code: 'INVALID_INPUT' });
    expect(bad([3])).toMatchObject({ code: 'INVALID_INPUT', index: 0 });
  });

  it('checks declared levels: unknown group, and a level without subjects (an empty group)', () => {
    const data = [
      { time: 1, event: 1 as const, group: 'a' },
      { time: 2, event: 0 as const, group: 'b' },
    ];
    expect(failure(() => logRank(data, { levels: ['a'] }))).toMatchObject({ code: 'UNKNOWN_GROUP', index: 1 });
    expect(failure(() => logRank(data, { levels: ['a', 'b', 'c'] }))).toMatchObject({ code: 'EMPTY_GROUP', field: 'levels[2]' });
    expect(logRank(data, { levels: ['b', 'a'] }).groups.map((g) => g.group)).toEqual(['b', 'a']);
  });

  it('refuses bad options with the option named', () => {
    const data = [{ time: 1, event: 1 as const }];
    expect(failure(() => kaplanMeier(data, { confLevel: 1 }))).toMatchObject({ code: 'INVALID_OPTION', field: 'confLevel' });
    expect(failure(() => kaplanMeier(data, { confType: 'logit' as never }))).toMatchObject({ code: 'INVALID_OPTION', field: 'confType' });
    expect(failure(() => restrictedMean(kaplanMeier(data), { tau: -1 }))).toMatchObject({ code: 'INVALID_OPTION', field: 'tau' });
    expect(failure(() => survivalAt(kaplanMeier(data), [NaN]))).toMatchObject({ code: 'INVALID_OPTION', field: 'times[0]' });
  });

  it('as R: one group is no log-rank test, and no requested time within the curve is an error unless extended', () => {
    expect(failure(() => logRank([{ time: 1, event: 1 }]))).toMatchObject({ code: 'NOT_ENOUGH_GROUPS' });
    expect(failure(() => logRank([{ time: 1, event: 1, group: 'a' }]))).toMatchObject({ code: 'NOT_ENOUGH_GROUPS' });
    const curve = kaplanMeier([{ time: 1, event: 1 }]);
    expect(failure(() => survivalAt(curve, [2]))).toMatchObject({ code: 'NO_TIMES_IN_RANGE' });
    expect(survivalAt(curve, [2], { extend: true })[0]).toMatchObject({ surv: 0, nRisk: 0 });
  });

  it('serialises errors without HTTP codes', () => {
    expect(JSON.parse(JSON.stringify(bad([{ time: -2, event: 1 }])))).toEqual({
      kind: 'validation',
      code: 'INVALID_TIME',
      field: 'data[0].time',
      index: 0,
      message: 'data[0].time: must be >= 0; got -2',
    });
  });
});

describe('the risk table', () => {
  it('counts an event and a censoring at the same time as both at risk then, and lists groups in code-unit order', () => {
    const table = riskTable({ time: [2, 1, 2, 2], event: [0, 1, 1, 1], group: ['b', 'B', 'a', 'b'] });
    expect(Array.from(table.time)).toEqual([1, 2]);
    expect(table.groups).toEqual(['B', 'a', 'b']);
    expect(Array.from(table.totalEvent)).toEqual([1, 2]);
    expect(Array.from(table.totalCensor)).toEqual([0, 1]);
    expect(Array.from(table.groupSize)).toEqual([1, 1, 2]);
  });

  it("applies R's timefix: times equal up to rounding are one, unless timefix is off", () => {
    const data = { time: [0.1 + 0.2, 0.3, 1, 1 + 1e-9], event: [1, 1, 0, 1] };
    expect(Array.from(riskTable(data).time)).toEqual([0.3, 1]); // each run of ties becomes its smallest time
    expect(riskTable(data, { timefix: false }).time.length).toBe(4);
    expect(Array.from(kaplanMeier(data).nEvent)).toEqual([2, 1]);
  });

  it('treats -0 as 0', () => {
    expect(Array.from(riskTable({ time: [-0, 0], event: [1, 0] }).time)).toEqual([0]);
  });
});

describe('the risk table with many groups', () => {
  it('agrees with the pooled table whether buckets are merged or sorted again', () => {
    const n = 400;
    const data = { time: Array.from({ length: n }, (_, i) => (i * 7919) % 97), event: Array.from({ length: n }, (_, i) => i % 3 === 0 ? 0 : 1), group: Array.from({ length: n }, (_, i) => `g${i % 9}`) };
    const grouped = riskTable(data);
    const pooled = riskTable(data, { byGroup: false });
    expect(grouped.groups).toHaveLength(9);
    expect(Array.from(grouped.time)).toEqual(Array.from(pooled.time));
    expect(Array.from(grouped.totalEvent)).toEqual(Array.from(pooled.totalEvent));
    expect(Array.from(grouped.totalCensor)).toEqual(Array.from(pooled.totalCensor));
  });

  it('refuses subject ids used as groups instead of exhausting memory', () => {
    const n = 6000;
    const data = { time: Array.from({ length: n }, (_, i) => i), event: Array.from({ length: n }, () => 1), group: Array.from({ length: n }, (_, i) => `S${i}`) };
    expect(failure(() => logRank(data))).toMatchObject({ code: 'TOO_MANY_GROUPS' });
  });
});

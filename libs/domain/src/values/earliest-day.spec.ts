import fc from 'fast-check';
import { compareClinicalDates, dateRange, earliestDayOf } from './partial-date.js';

/** earliestDayOf is dateRange's earliest without the calendar work; clinical order is built on it. */
describe('the earliest day of a partial date', () => {
  it('is the first day of the year, of the month, or the day itself', () => {
    expect(['2021', '2021-04', '2021-04-15'].map(earliestDayOf)).toEqual(['2021-01-01', '2021-04-01', '2021-04-15']);
  });

  it("is dateRange's earliest for any string, well-formed or not", () => {
    const piece = fc.oneof(fc.constantFrom('2021', '04', '4', '15', '', 'x'), fc.string({ maxLength: 3 }));
    const date = fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('-'));
    fc.assert(fc.property(fc.oneof(date, fc.string()), (d) => expect(earliestDayOf(d)).toBe(dateRange(d).earliest)), { numRuns: 2000 });
  });

  it('orders dates as their earliest days do, the coarser after the finer', () => {
    const date = fc.oneof(fc.constantFrom('2021', '2021-04', '2021-04-01', '2021-03-31', '2020-12'), fc.date({ min: new Date('2019-01-01'), max: new Date('2022-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
    fc.assert(
      fc.property(date, date, (a, b) => {
        const ea = dateRange(a).earliest;
        const eb = dateRange(b).earliest;
        expect(Math.sign(compareClinicalDates(a, b))).toBe(Math.sign(ea !== eb ? (ea < eb ? -1 : 1) : b.length - a.length));
      }),
    );
  });
});

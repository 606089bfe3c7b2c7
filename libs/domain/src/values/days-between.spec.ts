import fc from 'fast-check';
import { addDays, daysBetween } from './partial-date.js';

/** daysBetween reads dates digit by digit; the calendar arithmetic must be Date's own. */
describe('whole days between two full dates', () => {
  const fullDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it("agrees with Date's parsing for any two dates from 1900 on, leap years included", () => {
    fc.assert(
      fc.property(fullDate, fullDate, (a, b) => expect(daysBetween(a, b)).toBe(Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000))),
      { numRuns: 5000 },
    );
  });

  it('undoes addDays', () => {
    fc.assert(fc.property(fullDate, fc.integer({ min: -20_000, max: 20_000 }), (a, n) => expect(daysBetween(a, addDays(a, n))).toBe(n)));
  });

  it('counts across a leap day and a century that is not a leap year', () => {
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
    expect(daysBetween('1900-02-28', '1900-03-01')).toBe(1);
    expect(daysBetween('2021-04-15', '2021-04-08')).toBe(-7);
  });
});

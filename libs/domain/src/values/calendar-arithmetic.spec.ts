import fc from 'fast-check';
import { addDays, dateRange, isValidPartialDate } from './partial-date.js';

// The calendar done by Date, as the reference for the arithmetic the module does itself.
const DAY_MS = 86_400_000;
const isoOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const days = fc.integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.UTC(2199, 11, 31) / DAY_MS });

describe('calendar arithmetic', () => {
  it('adds days as the calendar does, across months, leap days and centuries', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: -40_000, max: 40_000 }), (day, offset) => {
        fc.pre(day + offset >= Date.UTC(1000, 0, 1) / DAY_MS);
        expect(addDays(isoOf(day * DAY_MS), offset)).toBe(isoOf((day + offset) * DAY_MS));
      }),
      { numRuns: 5000 },
    );
  });

  it("knows each month's last day and which days exist", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2400 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
        const mm = String(month).padStart(2, '0');
        const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
        expect(dateRange(`${year}-${mm}`).latest).toBe(`${year}-${mm}-${last}`);
        expect(isValidPartialDate(`${year}-${mm}-${String(day).padStart(2, '0')}`)).toBe(day <= last);
      }),
      { numRuns: 5000 },
    );
  });
});

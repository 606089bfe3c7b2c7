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

  it('accepts exactly the strings shaped YYYY, YYYY-MM or YYYY-MM-DD that name a real date from 1900 on', () => {
    const shape = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
    const reference = (value: string): boolean => {
      const m = shape.exec(value);
      if (!m || Number(m[1]) < 1900) return false;
      if (m[2] === undefined) return true;
      const month = Number(m[2]);
      if (month < 1 || month > 12) return false;
      if (m[3] === undefined) return true;
      const day = Number(m[3]);
      return day >= 1 && day <= new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
    };
    // Near misses as well as dates: digits, dashes and a few other characters at every length.
    const nearDate = fc.stringMatching(/^[0-9\-/ T:a]{0,12}$/);
    const dateLike = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 2 })).map(([y, m, d, parts]) =>
      [String(y).padStart(4, '0'), String(m).padStart(2, '0'), String(d).padStart(2, '0')].slice(0, parts + 1).join('-'),
    );
    fc.assert(
      fc.property(fc.oneof(nearDate, dateLike, fc.string()), (value) => {
        expect(isValidPartialDate(value)).toBe(reference(value));
      }),
      { numRuns: 20_000 },
    );
  });
});

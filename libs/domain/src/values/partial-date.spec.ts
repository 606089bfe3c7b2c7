import { certainlyAfter, certainlyBefore, compareClinicalDates, dateRange, isValidPartialDate, precisionOf } from './partial-date.js';

describe('partial dates', () => {
  it('accepts year, month and day precision and only real calendar dates', () => {
    expect(['2021', '2021-04', '2021-04-15', '2020-02-29'].every(isValidPartialDate)).toBe(true);
    expect(['2021-4', '2021-13', '2021-02-29', '21-04-01', '2021-04-15T00:00', '1850'].some(isValidPartialDate)).toBe(false);
    expect(precisionOf('2021-04')).toBe('month');
  });

  it('stands for a range of days', () => {
    expect(dateRange('2021-02')).toEqual({ earliest: '2021-02-01', latest: '2021-02-28' });
    expect(dateRange('2021')).toEqual({ earliest: '2021-01-01', latest: '2021-12-31' });
  });

  it('sorts by earliest day, the coarser date after the finer one', () => {
    expect(['2021-04', '2021-03-31', '2021-04-01', '2021'].sort(compareClinicalDates)).toEqual(['2021', '2021-03-31', '2021-04-01', '2021-04']);
  });

  it('says "certainly before" only when no day of one overlaps the other', () => {
    expect(certainlyBefore('2021-03', '2021-04-01')).toBe(true);
    expect(certainlyBefore('2021-04', '2021-04-15')).toBe(false);
    expect(certainlyAfter('2021-05-01', '2021-04')).toBe(true);
  });
});

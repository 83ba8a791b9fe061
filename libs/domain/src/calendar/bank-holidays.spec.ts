import fc from 'fast-check';
import { bankHolidaysIn, isBankHoliday, isBankHolidayOnEpochDay } from './bank-holidays.js';
import { fromEpochDay, toEpochDay } from './iso-date.js';

describe('England-and-Wales bank holidays', () => {
  it('given 2026, when listed, then exactly the nine days off appear, including the Boxing Day substitute', () => {
    expect([...bankHolidaysIn(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
  });

  it('given observances that are not days off, when checked, then they are not bank holidays', () => {
    expect(isBankHoliday('2026-04-05')).toBe(false); // Easter Sunday
    expect(isBankHoliday('2026-03-15')).toBe(false); // Mother's Day
    expect(isBankHoliday('2026-06-21')).toBe(false); // Father's Day
  });

  it('given the same year twice, when listed, then the cached set is reused', () => {
    expect(bankHolidaysIn(2031)).toBe(bankHolidaysIn(2031));
  });

  it('given days 2015-2035 probed in random order, when checked by epoch day, then the answer matches the date lookup', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: toEpochDay('2015-01-01'), max: toEpochDay('2035-12-31') }), { maxLength: 50 }), (days) =>
        days.every((day) => isBankHolidayOnEpochDay(day) === isBankHoliday(fromEpochDay(day))),
      ),
    );
  });

  it('given the first and last day of adjacent years, when checked by epoch day, then both years are consulted', () => {
    expect(isBankHolidayOnEpochDay(toEpochDay('2040-12-31'))).toBe(false);
    expect(isBankHolidayOnEpochDay(toEpochDay('2041-01-01'))).toBe(true);
    expect(isBankHolidayOnEpochDay(toEpochDay('2039-12-26'))).toBe(true);
  });
});

import fc from 'fast-check';
import {
  addCalendarDays,
  calendarDaysBetween,
  compareIsoDates,
  dayOfWeek,
  fromEpochDay,
  isValidIsoDate,
  toEpochDay,
} from './iso-date.js';

const MS_PER_DAY = 86_400_000;

describe('isValidIsoDate', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31'])('given %s, when validated, then it is accepted', (s) => {
    expect(isValidIsoDate(s)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-2-3',
    '26-01-01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '',
  ])('given %j, when validated, then it is rejected', (s) => {
    expect(isValidIsoDate(s)).toBe(false);
  });

  it('given a non-string, when validated, then it is rejected', () => {
    expect(isValidIsoDate(20260101)).toBe(false);
    expect(isValidIsoDate(null)).toBe(false);
  });
});

describe('addCalendarDays', () => {
  it('given 2026-01-05, when 85 days are added, then it is 2026-03-31', () => {
    expect(addCalendarDays('2026-01-05', 85)).toBe('2026-03-31');
  });

  it('given month, leap-day and year boundaries, when days are added, then the Gregorian calendar is followed', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2026-03-01', 0)).toBe('2026-03-01');
  });

  it('given an invalid date or a fractional count, when days are added, then it throws', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-02-01', 1.5)).toThrow(RangeError);
  });
});

describe('epoch-day arithmetic', () => {
  it('given any day 1900-2200, when converted, then it agrees with the UTC calendar of Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), (epochDay) => {
        const expected = new Date(epochDay * MS_PER_DAY);
        const iso = fromEpochDay(epochDay);
        expect(iso).toBe(expected.toISOString().slice(0, 10));
        expect(toEpochDay(iso)).toBe(epochDay);
        expect(dayOfWeek(iso)).toBe(expected.getUTCDay());
      }),
    );
  });

  it('given two dates, when compared and differenced, then order and distance agree', () => {
    expect(compareIsoDates('2026-03-01', '2026-03-02')).toBeLessThan(0);
    expect(compareIsoDates('2026-03-02', '2026-03-02')).toBe(0);
    expect(compareIsoDates('2027-01-01', '2026-12-31')).toBeGreaterThan(0);
    expect(calendarDaysBetween('2026-01-05', '2026-03-31')).toBe(85);
    expect(calendarDaysBetween('2026-03-31', '2026-01-05')).toBe(-85);
  });
});

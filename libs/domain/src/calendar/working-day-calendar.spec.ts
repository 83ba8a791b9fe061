import fc from 'fast-check';
import { fromEpochDay, toEpochDay } from './iso-date.js';
import { WorkingDayCalendar } from './working-day-calendar.js';

const VERSION = 'date-holidays@3.37.0 GB-ENG';
const calendar = new WorkingDayCalendar(VERSION);

describe('WorkingDayCalendar', () => {
  it('given a version string, when constructed, then it keeps it for the audit trail', () => {
    expect(calendar.version).toBe(VERSION);
  });

  describe('isWorkingDay', () => {
    it('given a week in March 2026, when checked, then Monday to Friday work and the weekend does not', () => {
      expect(calendar.isWorkingDay('2026-03-06')).toBe(true); // Friday
      expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // Saturday
      expect(calendar.isWorkingDay('2026-03-08')).toBe(false); // Sunday
      expect(calendar.isWorkingDay('2026-03-09')).toBe(true); // Monday
    });

    it.each([
      ['2022-09-19', 'State Funeral of Queen Elizabeth II'],
      ['2023-05-08', 'Coronation of King Charles III'],
      ['2020-05-08', 'Early May bank holiday moved to VE Day'],
      ['2022-06-02', 'Spring bank holiday moved for the Platinum Jubilee'],
      ['2022-06-03', 'Platinum Jubilee'],
      ['2021-12-27', 'Christmas Day substitute'],
      ['2021-12-28', 'Boxing Day substitute'],
      ['2022-01-03', "New Year's Day substitute"],
      ['2023-01-02', "New Year's Day substitute"],
      ['2020-12-28', 'Boxing Day substitute'],
      ['2026-12-28', 'Boxing Day substitute'],
      ['2027-12-27', 'Christmas Day substitute'],
      ['2027-12-28', 'Boxing Day substitute'],
      ['2026-04-03', 'Good Friday'],
      ['2026-04-06', 'Easter Monday'],
      ['2027-03-26', 'Good Friday'],
      ['2027-03-29', 'Easter Monday'],
      ['2026-05-04', 'Early May bank holiday'],
      ['2026-05-25', 'Spring bank holiday'],
      ['2026-08-31', 'Summer bank holiday'],
    ])('given %s (%s), when checked, then it is not a working day', (date) => {
      expect(calendar.isWorkingDay(date)).toBe(false);
    });

    it('given the usual Mondays that were moved in 2020 and 2022, when checked, then they were working days', () => {
      expect(calendar.isWorkingDay('2020-05-04')).toBe(true);
      expect(calendar.isWorkingDay('2022-05-30')).toBe(true);
    });

    it('given an impossible date, when checked, then it throws', () => {
      expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    });
  });

  describe('nextWorkingDay', () => {
    it('given a Friday, when asked, then it is the Monday', () => {
      expect(calendar.nextWorkingDay('2026-03-06')).toBe('2026-03-09');
    });

    it('given the Thursday before Easter 2026, when asked, then it is the Tuesday after Easter Monday', () => {
      expect(calendar.nextWorkingDay('2026-04-02')).toBe('2026-04-07');
    });

    it('given Christmas Eve 2021, when asked, then both substitute days are skipped', () => {
      expect(calendar.nextWorkingDay('2021-12-24')).toBe('2021-12-29');
    });

    it('given a working day, when asked, then it is strictly later', () => {
      expect(calendar.nextWorkingDay('2026-03-03')).toBe('2026-03-04');
    });
  });

  describe('londonDate', () => {
    it('given late evening UTC in winter, when converted, then the London date is the same day (GMT)', () => {
      expect(calendar.londonDate('2026-01-15T23:30:00Z')).toBe('2026-01-15');
    });

    it('given late evening UTC in summer, when converted, then the London date is the next day (BST)', () => {
      expect(calendar.londonDate('2026-07-15T23:30:00Z')).toBe('2026-07-16');
    });

    it('given the night BST starts (2026-03-29), when converted, then GMT applies before and BST after', () => {
      expect(calendar.londonDate('2026-03-28T23:30:00Z')).toBe('2026-03-28');
      expect(calendar.londonDate('2026-03-29T00:59:59Z')).toBe('2026-03-29');
      expect(calendar.londonDate('2026-03-29T23:30:00Z')).toBe('2026-03-30');
    });

    it('given the night BST ends (2026-10-25), when converted, then BST applies before and GMT after', () => {
      expect(calendar.londonDate('2026-10-24T23:30:00Z')).toBe('2026-10-25');
      expect(calendar.londonDate('2026-10-25T23:30:00Z')).toBe('2026-10-25');
    });

    it('given an instant with an explicit offset, when converted, then the offset is honoured', () => {
      expect(calendar.londonDate('2026-07-16T00:30:00+01:00')).toBe('2026-07-16');
      expect(calendar.londonDate('2026-01-15T20:00:00-05:00')).toBe('2026-01-16');
    });

    it('given a timestamp without a zone or an impossible one, when converted, then it throws', () => {
      expect(() => calendar.londonDate('2026-01-15T10:00:00')).toThrow(RangeError);
      expect(() => calendar.londonDate('2026-02-30T10:00:00Z')).toThrow(RangeError);
      expect(() => calendar.londonDate('yesterday')).toThrow(RangeError);
      expect(() => calendar.londonDate('2026-01-15')).toThrow(RangeError);
    });
  });

  describe('endOfDay', () => {
    it.each([
      ['2026-01-15', '2026-01-15T23:59:59.999Z', 'winter (GMT)'],
      ['2026-07-15', '2026-07-15T22:59:59.999Z', 'summer (BST)'],
      ['2026-03-28', '2026-03-28T23:59:59.999Z', 'the day before BST starts'],
      ['2026-03-29', '2026-03-29T22:59:59.999Z', 'the day BST starts'],
      ['2026-10-24', '2026-10-24T22:59:59.999Z', 'the day before BST ends'],
      ['2026-10-25', '2026-10-25T23:59:59.999Z', 'the day BST ends'],
    ])('given %s, when the day ends in London, then it is %s UTC (%s)', (date, instant) => {
      expect(calendar.endOfDay(date)).toBe(instant);
      expect(calendar.londonDate(instant)).toBe(date);
    });
  });

  describe('clockStart (16:30 cut-off)', () => {
    it.each([
      ['2026-01-15T16:29:00Z', '2026-01-15', '16:29 GMT'],
      ['2026-01-15T16:30:00Z', '2026-01-15', '16:30:00 GMT exactly'],
      ['2026-01-15T16:30:01Z', '2026-01-16', '16:30:01 GMT'],
      ['2026-01-15T16:31:00Z', '2026-01-16', '16:31 GMT'],
      ['2026-07-15T15:29:00Z', '2026-07-15', '16:29 BST'],
      ['2026-07-15T15:30:00Z', '2026-07-15', '16:30 BST'],
      ['2026-07-15T15:31:00Z', '2026-07-16', '16:31 BST'],
      ['2026-07-15T16:31:00+01:00', '2026-07-16', '16:31 BST given with an offset'],
      ['2026-07-14T23:30:00Z', '2026-07-15', '00:30 BST the next morning'],
    ])('given receipt at %s, when the clock starts, then it starts on %s (%s)', (instant, start) => {
      expect(calendar.clockStart(instant)).toBe(start);
    });

    it('given receipt after 16:30 on a Friday, when the clock starts, then it starts on Monday', () => {
      expect(calendar.clockStart('2026-01-16T16:31:00Z')).toBe('2026-01-19');
    });

    it('given receipt on a Saturday morning, when the clock starts, then it starts on Monday', () => {
      expect(calendar.clockStart('2026-03-07T10:00:00Z')).toBe('2026-03-09');
    });

    it('given receipt on Good Friday, when the clock starts, then it starts on the Tuesday after Easter Monday', () => {
      expect(calendar.clockStart('2026-04-03T09:00:00Z')).toBe('2026-04-07');
    });

    it('given receipt after 16:30 on the Thursday before Easter, when the clock starts, then it starts after Easter Monday', () => {
      expect(calendar.clockStart('2026-04-02T16:00:00Z')).toBe('2026-04-07'); // 17:00 BST
    });

    it('given receipt on the coronation bank holiday, when the clock starts, then it starts the next day', () => {
      expect(calendar.clockStart('2023-05-08T08:00:00Z')).toBe('2023-05-09');
    });
  });

  describe('addWorkingDays', () => {
    it('given Monday 2026-03-02, when 5 WD are added, then it is the next Monday', () => {
      expect(calendar.addWorkingDays('2026-03-02', 5)).toBe('2026-03-09');
    });

    it('given any start, when 0 WD are added, then the start is returned unchanged', () => {
      expect(calendar.addWorkingDays('2026-03-02', 0)).toBe('2026-03-02');
      expect(calendar.addWorkingDays('2026-03-07', 0)).toBe('2026-03-07');
    });

    it('given a Saturday, when 1 WD is added, then it is the Monday', () => {
      expect(calendar.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
    });

    it('given the Wednesday before Easter 2026, when 3 WD are added, then Good Friday and Easter Monday are skipped', () => {
      expect(calendar.addWorkingDays('2026-04-01', 3)).toBe('2026-04-08');
    });

    it('given Monday 21 December 2026, when 10 WD are added, then Christmas, the substitute day and New Year are skipped', () => {
      expect(calendar.addWorkingDays('2026-12-21', 10)).toBe('2027-01-07');
    });

    it('given Thursday 23 December 2021, when 3 WD are added, then both substitute days are skipped', () => {
      expect(calendar.addWorkingDays('2021-12-23', 3)).toBe('2021-12-30');
    });

    it('given a negative or fractional count, when added, then it throws', () => {
      expect(() => calendar.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
      expect(() => calendar.addWorkingDays('2026-03-02', 2.5)).toThrow(RangeError);
    });
  });

  describe('workingDaysBetween', () => {
    it('given a Monday and the next Monday, when counted, then there are 5 WD', () => {
      expect(calendar.workingDaysBetween('2026-03-02', '2026-03-09')).toBe(5);
    });

    it('given to on or before from, when counted, then it is 0', () => {
      expect(calendar.workingDaysBetween('2026-03-09', '2026-03-09')).toBe(0);
      expect(calendar.workingDaysBetween('2026-03-09', '2026-03-02')).toBe(0);
    });

    it('given a Friday and the Sunday after, when counted, then it is 0', () => {
      expect(calendar.workingDaysBetween('2026-03-06', '2026-03-08')).toBe(0);
    });

    it('given Christmas 2026 to New Year 2027, when counted, then only the three working days between are counted', () => {
      expect(calendar.workingDaysBetween('2026-12-24', '2027-01-03')).toBe(3); // 29, 30, 31 December
    });

    const DAY_2020_01_01 = toEpochDay('2020-01-01');
    const DAY_2030_12_31 = toEpochDay('2030-12-31');
    const anyDay = fc.integer({ min: DAY_2020_01_01, max: DAY_2030_12_31 }).map(fromEpochDay);

    it('given a working day 2020-2030 and n in 0..60, when n WD are added, then workingDaysBetween counts n back', () => {
      fc.assert(
        fc.property(
          anyDay.filter((d) => calendar.isWorkingDay(d)),
          fc.integer({ min: 0, max: 60 }),
          (start, n) => calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n)) === n,
        ),
        { numRuns: 500 },
      );
    });

    it('given any day 2020-2030 and n in 1..60, when n WD are added, then the result is a later working day', () => {
      fc.assert(
        fc.property(anyDay, fc.integer({ min: 1, max: 60 }), (start, n) => {
          const end = calendar.addWorkingDays(start, n);
          return end > start && calendar.isWorkingDay(end) && calendar.workingDaysBetween(start, end) === n;
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('isLate', () => {
    it('given a due day in winter, when something arrives at 23:59:59 London, then it is on time, and a second later it is late', () => {
      expect(calendar.isLate('2026-03-09T23:59:59Z', '2026-03-09')).toBe(false);
      expect(calendar.isLate('2026-03-10T00:00:00Z', '2026-03-09')).toBe(true);
    });

    it('given a due day in summer, when something arrives at 23:00 UTC, then it is already the next London day and late', () => {
      expect(calendar.isLate('2026-07-15T22:59:59Z', '2026-07-15')).toBe(false);
      expect(calendar.isLate('2026-07-15T23:00:00Z', '2026-07-15')).toBe(true);
    });

    it('given something arriving before the due day, when checked, then it is not late', () => {
      expect(calendar.isLate('2026-03-02T10:00:00Z', '2026-03-09')).toBe(false);
    });
  });

  describe('due / dueFrom', () => {
    it('given a dispute raised Monday morning, when a 5 WD deadline is set, then it records start, due day, rule and version', () => {
      expect(calendar.due('2026-03-02T09:00:00Z', 5)).toEqual({
        startedOn: '2026-03-02',
        workingDays: 5,
        dueOn: '2026-03-09',
        rule: '5 WD after 2026-03-02, England and Wales, 16:30 cut-off',
        calendarVersion: VERSION,
      });
    });

    it('given receipt after 16:30 on Christmas Eve 2026, when a 5 WD deadline is set, then the clock starts 29 December and ends in January', () => {
      const due = calendar.due('2026-12-24T16:45:00Z', 5);
      expect(due.startedOn).toBe('2026-12-29');
      expect(due.dueOn).toBe('2027-01-06');
    });

    it('given a 20 WD deadline from 1 December 2026, when set, then it spans Christmas and New Year', () => {
      // December WDs after the 1st: 2-4, 7-11, 14-18, 21-24, 29-31 = 20, so the 20th is 31 December.
      expect(calendar.dueFrom('2026-12-01', 20).dueOn).toBe('2026-12-31');
      expect(calendar.dueFrom('2026-12-01', 21).dueOn).toBe('2027-01-04');
    });

    it('given an already-effective start day, when dueFrom is used, then no cut-off is applied again', () => {
      expect(calendar.dueFrom('2026-03-07', 1)).toMatchObject({ startedOn: '2026-03-07', dueOn: '2026-03-09' });
    });
  });
});

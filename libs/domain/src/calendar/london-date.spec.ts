import { DateTime } from 'luxon';
import { londonDateOf, WorkingDayCalendar } from './working-day-calendar.js';

describe('londonDateOf (the offset asked once per UTC hour)', () => {
  it('gives the zone rules’ London date for every hour and half hour of 2025 and 2026, clock changes and midnights included', () => {
    const mismatches: string[] = [];
    for (let ms = Date.parse('2025-01-01T00:00:00Z'); ms < Date.parse('2027-01-01T00:00:00Z'); ms += 60 * 60_000) {
      for (const instant of [new Date(ms).toISOString(), new Date(ms + 30 * 60_000).toISOString(), new Date(ms - 1).toISOString()]) {
        const expected = DateTime.fromISO(instant, { zone: 'Europe/London' }).toISODate();
        if (londonDateOf(instant) !== expected) mismatches.push(instant);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('still refuses a day that does not exist and reads other spellings of an instant', () => {
    expect(() => londonDateOf('2026-02-30T10:00:00.000Z')).toThrow(RangeError);
    expect(londonDateOf('2026-03-29T00:30:00+00:00')).toBe('2026-03-29');
    expect(londonDateOf('2026-10-24T23:30:00Z')).toBe('2026-10-25');
  });

  it('starts clocks as the zone rules’ wall clock does, minutes either side of 16:30 and of the clock changes, 2025 and 2026', () => {
    const calendar = new WorkingDayCalendar('test');
    const byLuxon = (instant: string): string => {
      const london = DateTime.fromISO(instant, { zone: 'Europe/London' });
      const date = london.toISODate()!;
      const late = (london.hour * 60 + london.minute) * 60_000 + london.second * 1000 + london.millisecond > (16 * 60 + 30) * 60_000;
      return late || !calendar.isWorkingDay(date) ? calendar.nextWorkingDay(date) : date;
    };
    const mismatches: string[] = [];
    for (let ms = Date.parse('2025-01-01T00:00:00Z'); ms < Date.parse('2027-01-01T00:00:00Z'); ms += 30 * 60_000) {
      for (const instant of [new Date(ms).toISOString(), new Date(ms - 1).toISOString(), new Date(ms + 1).toISOString()]) {
        if (calendar.clockStart(instant) !== byLuxon(instant)) mismatches.push(instant);
      }
    }
    expect(mismatches).toEqual([]);
    // 16:30:00.000 London is on time; a millisecond later is not (GMT and BST).
    expect(calendar.clockStart('2026-01-14T16:30:00.000Z')).toBe('2026-01-14');
    expect(calendar.clockStart('2026-01-14T16:30:00.001Z')).toBe('2026-01-15');
    expect(calendar.clockStart('2026-07-14T15:30:00.000Z')).toBe('2026-07-14');
    expect(calendar.clockStart('2026-07-14T15:30:00.001Z')).toBe('2026-07-15');
    expect(calendar.clockStart('2026-07-14T15:30:00.001+00:00')).toBe('2026-07-15');
  });

  it('answers an instant asked again (the last one is remembered) as the first time, interleaved across a clock change and the cut-off', () => {
    const calendar = new WorkingDayCalendar('test');
    // GMT before 01:00 UTC on 29 March 2026, BST after; 15:30:00.001 UTC is after the cut-off only in BST.
    const instants = ['2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z', '2026-03-27T16:30:00.000Z', '2026-03-30T15:30:00.001Z', '2026-03-30T15:30:00.001+00:00'];
    const expected = instants.map((i) => [londonDateOf(i), calendar.clockStart(i)]);
    expect(expected).toEqual([
      ['2026-03-29', '2026-03-30'],
      ['2026-03-29', '2026-03-30'],
      ['2026-03-27', '2026-03-27'],
      ['2026-03-30', '2026-03-31'],
      ['2026-03-30', '2026-03-31'],
    ]);
    for (const order of [[0, 0, 1, 1, 0], [1, 0, 1, 3, 3, 2], [4, 3, 4, 2, 2, 0]]) {
      for (const i of order) expect([londonDateOf(instants[i]!), calendar.clockStart(instants[i]!)]).toEqual(expected[i]);
    }
  });

  it('refuses a day that does not exist however often it is asked, between instants that are fine', () => {
    const calendar = new WorkingDayCalendar('test');
    for (let round = 0; round < 2; round++) {
      expect(calendar.clockStart('2026-03-02T10:00:00.000Z')).toBe('2026-03-02');
      expect(() => calendar.clockStart('2026-02-30T10:00:00.000Z')).toThrow(RangeError);
      expect(() => calendar.clockStart('2026-02-30T10:00:00.000Z')).toThrow(RangeError);
    }
  });
});

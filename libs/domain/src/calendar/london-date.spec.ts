import { DateTime } from 'luxon';
import { londonDateOf } from './working-day-calendar.js';

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
});

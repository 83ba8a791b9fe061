import { isValidIsoDate, type IsoDate } from '../calendar/iso-date.js';

/** "12 weeks" is 84 calendar days counted from the day after the starting day. */
export const TWELVE_WEEKS_IN_DAYS = 84;

/** "n days" with the right plural, for details shown to people. */
export function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** Names the required dates that are absent or not real calendar dates, for a not-checkable detail. */
export function missingDates(required: Readonly<Record<string, IsoDate | undefined>>): string[] {
  return Object.entries(required)
    .filter(([, value]) => !isValidIsoDate(value))
    .map(([name, value]) => (value === undefined || value === '' ? `${name} missing` : `${name} is not a valid date (${value})`));
}

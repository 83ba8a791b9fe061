import Holidays from 'date-holidays';
import { fromEpochDay, toEpochDay, yearOf, type IsoDate } from './iso-date.js';

/**
 * England-and-Wales bank holidays from date-holidays (GB, state ENG; Wales shares the same list).
 *
 * For GB the library labels every real day off 'public' (including substitute days and one-off
 * days such as the 2022 State Funeral) and uses 'observance' for days that are not days off
 * (Mother's Day, Easter Sunday, Father's Day). It never returns 'bank' for GB today, but we accept
 * it so a future data change that relabels days cannot silently turn them into working days.
 */
const DAY_OFF_TYPES: ReadonlySet<string> = new Set(['public', 'bank']);

// Built lazily and shared: constructing Holidays parses the country rules, and holiday sets are pure
// functions of the installed data, so every calendar instance can reuse them.
let holidays: Holidays | undefined;
const byYear = new Map<number, ReadonlySet<IsoDate>>();
/** Every loaded holiday as an epoch day, so the day loops compare numbers, not strings. */
const epochDays = new Set<number>();
const loadedYears = new Set<number>();

export function bankHolidaysIn(year: number): ReadonlySet<IsoDate> {
  const cached = byYear.get(year);
  if (cached) return cached;
  holidays ??= new Holidays('GB', 'ENG');
  const days = new Set<IsoDate>();
  for (const holiday of holidays.getHolidays(year)) {
    // `date` is the local (Europe/London) wall-clock start, "YYYY-MM-DD hh:mm:ss"; `start` is a
    // Date whose UTC day can be the day before in summer, so it must not be used here.
    if (DAY_OFF_TYPES.has(holiday.type)) days.add(holiday.date.slice(0, 10));
  }
  byYear.set(year, days);
  for (const day of days) epochDays.add(toEpochDay(day));
  loadedYears.add(year);
  return days;
}

export function isBankHoliday(date: IsoDate): boolean {
  return bankHolidaysIn(yearOf(date)).has(date);
}

// Epoch days of the contiguous span of years already loaded; inside it a lookup is one Set probe.
let spanFrom = 0;
let spanTo = -1;

/** Same as isBankHoliday for a day given as days since 1970-01-01: the fast path for day loops. */
export function isBankHolidayOnEpochDay(epochDay: number): boolean {
  if (epochDay < spanFrom || epochDay > spanTo) loadYearOf(epochDay);
  return epochDays.has(epochDay);
}

function loadYearOf(epochDay: number): void {
  const year = yearOf(fromEpochDay(epochDay));
  if (!loadedYears.has(year)) bankHolidaysIn(year);
  // Grow the span only when the new year touches it; otherwise restart it at this year.
  const yearFrom = toEpochDay(`${String(year).padStart(4, '0')}-01-01`);
  const yearTo = toEpochDay(`${String(year).padStart(4, '0')}-12-31`);
  if (yearTo + 1 === spanFrom) spanFrom = yearFrom;
  else if (yearFrom - 1 === spanTo) spanTo = yearTo;
  else {
    spanFrom = yearFrom;
    spanTo = yearTo;
  }
}

import { DateTime } from 'luxon';
import { addCalendarDays, type IsoDate, type WorkingDayCalendar } from '#domain';

const LONDON = 'Europe/London';

/**
 * Where the demo puts its steps: on working days counted with the engine's own calendar, at a
 * London wall-clock time inside office hours. Because every step is on a working day before the
 * 16:30 cut-off, its clock starts that day, so a story laid out in working days keeps its meaning
 * wherever on the calendar it is placed (weekends, bank holidays and clock changes included).
 */
export class DemoDays {
  constructor(readonly calendar: WorkingDayCalendar) {}

  /** The London date at that instant. */
  dateOf(instant: string): IsoDate {
    return this.calendar.londonDate(instant);
  }

  /** The last working day strictly before `date`. */
  workingDayBefore(date: IsoDate): IsoDate {
    let day = addCalendarDays(date, -1);
    while (!this.calendar.isWorkingDay(day)) day = addCalendarDays(day, -1);
    return day;
  }

  /** `date` itself when it is a working day, else the next one. */
  workingDayFrom(date: IsoDate): IsoDate {
    return this.calendar.isWorkingDay(date) ? date : this.calendar.nextWorkingDay(date);
  }

  /** `n` working days after (n > 0) or before (n < 0) a working day. */
  shift(day: IsoDate, n: number): IsoDate {
    if (n >= 0) return this.calendar.addWorkingDays(day, n);
    let result = day;
    for (let i = 0; i < -n; i++) result = this.workingDayBefore(result);
    return result;
  }

  /** Working days from `from` to `to` (negative when `to` is earlier). */
  between(from: IsoDate, to: IsoDate): number {
    return to >= from ? this.calendar.workingDaysBetween(from, to) : -this.calendar.workingDaysBetween(to, from);
  }

  /** The UTC instant of a London wall-clock time, in minutes after midnight, on a date. */
  at(date: IsoDate, minuteOfDay: number): string {
    // The clocks change at 01:00 UTC on a Sunday: before 01:00 London the day still has the
    // previous day's offset, from 03:00 on its own. Steps fall at 00:05 or in office hours.
    const offset = londonOffsetMinutes(minuteOfDay < 60 ? addCalendarDays(date, -1) : date);
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d, 0, minuteOfDay - offset)).toISOString();
  }
}

/** London's offset from UTC at noon on a date (0 or 60), remembered: the zone lookup is the costly part. */
function londonOffsetMinutes(date: IsoDate): number {
  let offset = offsets.get(date);
  if (offset === undefined) {
    offset = DateTime.fromISO(`${date}T12:00`, { zone: LONDON }).offset;
    if (offsets.size >= 5_000) offsets.clear();
    offsets.set(date, offset);
  }
  return offset;
}

const offsets = new Map<IsoDate, number>();

import { DateTime } from 'luxon';
import { isBankHolidayOnEpochDay } from './bank-holidays.js';
import { buildDueDate, describeWorkingDaysAfter, type DueDate } from './due-date.js';
import { assertIsoDate, fromEpochDay, toEpochDay, type IsoDate } from './iso-date.js';

const LONDON = 'Europe/London';
/** "Received after 16:30" counts from the next working day; 16:30:00.000 itself is still on time. */
const CUT_OFF_MS = (16 * 60 + 30) * 60 * 1000;
/** Instants must say where they are on the time line; a bare local time would be ambiguous. */
const HAS_ZONE = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** The calendar date in Europe/London at that instant: every deadline is judged on it. */
export function londonDateOf(instant: string): IsoDate {
  // Guards ask this for the same few instants again and again (an event's time, on every replay);
  // zone conversion is the costly part, so recent answers are remembered.
  const known = londonDates.get(instant);
  if (known !== undefined) return known;
  const date = londonDateByHour(instant) ?? (toLondon(instant).toISODate() as IsoDate);
  if (londonDates.size >= LONDON_DATE_MEMO) londonDates.clear();
  londonDates.set(instant, date);
  return date;
}

const LONDON_DATE_MEMO = 20_000;
const londonDates = new Map<string, IsoDate>();

/** What `Date#toISOString` writes; any other spelling goes through luxon. */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HOUR_MS = 3_600_000;
/** London's offset from UTC, in minutes, by UTC hour since the epoch. */
const londonOffsets = new Map<number, number>();

interface WallClock {
  readonly date: IsoDate;
  readonly msOfDay: number;
}

/** The last instant asked and its answer: one command asks of its one instant for every clock it starts or settles. */
let lastWallClock: { readonly instant: string | null; readonly wall: WallClock | null } = { instant: null, wall: null };

/**
 * Every command's time is a new instant, so the memo above rarely helps on the write path. But
 * London's offset changes only on the hour (01:00 UTC), so it is asked of the zone rules once per
 * UTC hour and the London wall clock is plain arithmetic after that. Null for an instant not
 * spelled as `Date#toISOString` writes it (those go through luxon).
 */
function londonWallClockByHour(instant: string): WallClock | null {
  if (instant === lastWallClock.instant) return lastWallClock.wall;
  const wall = wallClockByHour(instant);
  lastWallClock = { instant, wall };
  return wall;
}

function wallClockByHour(instant: string): WallClock | null {
  if (!CANONICAL_UTC.test(instant)) return null;
  const ms = Date.parse(instant);
  // A date that does not exist (30 February) parses to another day, or not at all: luxon refuses it.
  if (!Number.isFinite(ms) || new Date(ms).toISOString() !== instant) return null;
  const hour = Math.floor(ms / HOUR_MS);
  let offset = londonOffsets.get(hour);
  if (offset === undefined) {
    offset = toLondon(instant).offset;
    if (londonOffsets.size >= LONDON_DATE_MEMO) londonOffsets.clear();
    londonOffsets.set(hour, offset);
  }
  const wall = ms + offset * 60_000;
  return { date: new Date(wall).toISOString().slice(0, 10) as IsoDate, msOfDay: ((wall % DAY_MS) + DAY_MS) % DAY_MS };
}

const DAY_MS = 24 * HOUR_MS;

function londonDateByHour(instant: string): IsoDate | null {
  return londonWallClockByHour(instant)?.date ?? null;
}

/**
 * Working days in England and Wales, in Europe/London. Pure: every answer depends only on the
 * arguments and the installed holiday data, whose version the caller supplies for the audit trail.
 */
export class WorkingDayCalendar {
  constructor(readonly version: string) {}

  /** The calendar date in Europe/London at that instant (BST-aware). */
  londonDate(instant: string): IsoDate {
    return londonDateOf(instant);
  }

  isWorkingDay(date: IsoDate): boolean {
    assertIsoDate(date);
    return isWorkingEpochDay(toEpochDay(date));
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, 1);
  }

  /**
   * The day a clock starts for something received at `instant`: its London date, unless it arrived
   * after 16:30 London time or on a non-working day, when it counts as received the next working day.
   */
  clockStart(instant: string): IsoDate {
    const { date, msOfDay } = londonWallClock(instant);
    // Wall-clock time, not elapsed time: on a clock-change day these differ by an hour.
    if (msOfDay > CUT_OFF_MS || !this.isWorkingDay(date)) return this.nextWorkingDay(date);
    return date;
  }

  /** The nth working day strictly after `start`; n = 0 returns `start` unchanged. */
  addWorkingDays(start: IsoDate, n: number): IsoDate {
    assertIsoDate(start, 'start');
    assertWorkingDayCount(n);
    // Loop on epoch-day numbers and format once: this runs on every command.
    let day = toEpochDay(start);
    for (let remaining = n; remaining > 0; ) {
      day += 1;
      if (isWorkingEpochDay(day)) remaining -= 1;
    }
    return n === 0 ? start : fromEpochDay(day);
  }

  /** Number of working days d with from < d <= to; 0 when `to` is not after `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    assertIsoDate(from, 'from');
    assertIsoDate(to, 'to');
    const last = toEpochDay(to);
    let count = 0;
    for (let day = toEpochDay(from) + 1; day <= last; day += 1) {
      if (isWorkingEpochDay(day)) count += 1;
    }
    return count;
  }

  /** UTC instant of 23:59:59.999 Europe/London on `date`: the moment a deadline on that day expires. */
  endOfDay(date: IsoDate): string {
    assertIsoDate(date);
    return DateTime.fromISO(date, { zone: LONDON }).endOf('day').toUTC().toISO() as string;
  }

  /** Late means the London date of the instant is after the due day (23:59 that day is still on time). */
  isLate(instant: string, dueOn: IsoDate): boolean {
    assertIsoDate(dueOn, 'dueOn');
    return this.londonDate(instant) > dueOn;
  }

  /** Deadline for something received at `startedAt`, applying the cut-off and non-working-day rule. */
  due(startedAt: string, workingDays: number): DueDate {
    return this.dueFrom(this.clockStart(startedAt), workingDays);
  }

  /**
   * A date counted from another date rather than from something received (an action's check day
   * after its due date, the reopening window after closure), with the rule and calendar that gave it.
   */
  workingDaysAfter(from: IsoDate, workingDays: number): DueDate {
    return {
      startedOn: from,
      workingDays,
      dueOn: this.addWorkingDays(from, workingDays),
      rule: describeWorkingDaysAfter(from, workingDays),
      calendarVersion: this.version,
    };
  }

  /** Deadline counted from a day that already is the effective clock start (e.g. an extension). */
  dueFrom(startedOn: IsoDate, workingDays: number): DueDate {
    return buildDueDate({
      startedOn,
      workingDays,
      dueOn: this.addWorkingDays(startedOn, workingDays),
      calendarVersion: this.version,
    });
  }
}

/** Weekday from the epoch day (1970-01-01 was a Thursday), then the holiday set. */
function isWorkingEpochDay(epochDay: number): boolean {
  const weekday = (((epochDay + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday !== 0 && weekday !== 6 && !isBankHolidayOnEpochDay(epochDay);
}

/** The London date and time of day (ms since its midnight) at that instant. */
function londonWallClock(instant: string): WallClock {
  const byHour = londonWallClockByHour(instant);
  if (byHour) return byHour;
  const london = toLondon(instant);
  return { date: london.toISODate() as IsoDate, msOfDay: ((london.hour * 60 + london.minute) * 60 + london.second) * 1000 + london.millisecond };
}

function toLondon(instant: string): DateTime {
  if (typeof instant !== 'string' || !HAS_ZONE.test(instant)) {
    throw new RangeError(`instant must be an ISO 8601 timestamp with Z or an offset, got ${JSON.stringify(instant)}`);
  }
  const parsed = DateTime.fromISO(instant, { zone: LONDON });
  if (!parsed.isValid) throw new RangeError(`instant is not a valid ISO 8601 timestamp: ${JSON.stringify(instant)}`);
  return parsed;
}

function assertWorkingDayCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working day count must be a whole number >= 0, got ${n}`);
}

import type { IsoDate } from './iso-date.js';

/**
 * A computed deadline as recorded on deadline-bearing events. It keeps its inputs and the calendar
 * version so a deadline can be explained and re-derived later even after the holiday data changes.
 */
export interface DueDate {
  /** The day that starts the clock, after the 16:30 cut-off and non-working-day rule. */
  readonly startedOn: IsoDate;
  readonly workingDays: number;
  /** Last day to act; the deadline ends 23:59 Europe/London on this day. */
  readonly dueOn: IsoDate;
  /** Human-readable rule, e.g. "5 WD after 2026-03-02, England and Wales, 16:30 cut-off". */
  readonly rule: string;
  readonly calendarVersion: string;
}

export function describeDueRule(startedOn: IsoDate, workingDays: number): string {
  return `${workingDays} WD after ${startedOn}, England and Wales, 16:30 cut-off`;
}

/** For a date counted from another date (a check after a due date, a window after closure): no receipt, so no cut-off. */
export function describeWorkingDaysAfter(from: IsoDate, workingDays: number): string {
  return `${workingDays} WD after ${from}, England and Wales`;
}

export function buildDueDate(input: {
  readonly startedOn: IsoDate;
  readonly workingDays: number;
  readonly dueOn: IsoDate;
  readonly calendarVersion: string;
}): DueDate {
  return {
    startedOn: input.startedOn,
    workingDays: input.workingDays,
    dueOn: input.dueOn,
    rule: describeDueRule(input.startedOn, input.workingDays),
    calendarVersion: input.calendarVersion,
  };
}

/** Urgent track: every stage deadline is halved, rounded up (so 5 WD becomes 3, never 2). */
export function halveWorkingDays(n: number): number {
  return Math.ceil(n / 2);
}

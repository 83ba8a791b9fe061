import { type IsoDate } from '#domain';

/**
 * The Compact reports by financial year: reporting year 2025 runs from 1 April 2025 to 31 March
 * 2026, both London dates. Every figure is placed in a year by the Europe/London date of its event.
 */
export function reportingYearOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '04-01' ? year : year - 1;
}

export interface ReportingPeriod {
  readonly year: number;
  /** First day, inclusive. */
  readonly from: IsoDate;
  /** Last day, inclusive. */
  readonly to: IsoDate;
  /** As the report names it: "2025 to 2026". */
  readonly label: string;
}

export function reportingPeriod(year: number): ReportingPeriod {
  return { year, from: `${year}-04-01`, to: `${year + 1}-03-31`, label: `${year} to ${year + 1}` };
}

/** The Compact was signed in 2007: no report covers an earlier year. */
export const FIRST_REPORTING_YEAR = 2007;

import { type ReportingPeriod } from './reporting-year.js';

export const EDITIONS = ['cdg', 'public'] as const;
export type Edition = (typeof EDITIONS)[number];

/** How a suppressed figure reads in the public edition (and in its JSON and CSV). */
export const FEWER_THAN_3 = 'fewer than 3';
export const WITHHELD = 'withheld';
/** A count of a breakdown the public edition leaves out, because even withholding could not protect it. */
export const NOT_SHOWN = 'not shown';

/**
 * A cell as every format shows it: a number; text; "fewer than 3" or "withheld" for a suppressed
 * figure in the public edition; null where there is nothing to show (a share of nothing).
 */
export type ReportValue = number | string | null;

export type ColumnUnit = 'text' | 'cases' | 'count' | 'percent' | 'working days' | 'change' | 'date';

export interface ReportColumn {
  readonly key: string;
  readonly label: string;
  /** 'row': each row says its unit (the summary mixes cases, percentages and days). */
  readonly unit: ColumnUnit | 'row';
}

/** A row of a table, whatever its cells hold (a value shown, or a draft figure before an edition shows it). */
export interface RowOf<Cell> {
  readonly key: string;
  /** Set on a table's total row. */
  readonly total?: true;
  readonly unit?: ColumnUnit;
  readonly cells: Readonly<Record<string, Cell>>;
}

export interface TableOf<Cell> {
  readonly id: string;
  readonly title: string;
  /** What the table counts, in a sentence. */
  readonly note: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly RowOf<Cell>[];
}

export type ReportRow = RowOf<ReportValue>;
export type ReportTable = TableOf<ReportValue>;

/** The annual report of one reporting year, in one edition: what JSON, CSV and HTML all show. */
export interface AnnualReport {
  readonly report: 'compact-annual-report';
  readonly year: number;
  readonly period: ReportingPeriod;
  readonly edition: Edition;
  /** The global log position the figures reflect. */
  readonly logPosition: bigint;
  /** When the last event up to that position happened (UTC), or null for an empty log. */
  readonly lastEventAt: string | null;
  /** True once the log reaches past the end of the year: the figures are final. */
  readonly yearComplete: boolean;
  readonly engineVersion: string;
  /** The holiday data working days were counted with. */
  readonly calendar: string;
  readonly tables: readonly ReportTable[];
}

import { londonDateOf } from '#domain';
import { type AnnualReport, type Edition, type ReportTable, type ReportValue, WITHHELD } from './annual-report.js';
import { protectSmallCounts } from './disclosure-control.js';
import { ALL_PUBLISHED, showTable, shown, type StatusOf } from './report-draft.js';
import { type ReportSource } from './report-source.js';
import { reportingPeriod } from './reporting-year.js';
import { draftYear, type YearDraft } from './year-draft.js';

export interface ReportRequest {
  readonly year: number;
  readonly edition: Edition;
  readonly logPosition: bigint;
  readonly engineVersion: string;
  readonly calendar: string;
}

/** Which counts an edition shows: all of them to the CDG; the public edition protects small counts. */
function statusOf(draft: YearDraft, edition: Edition): StatusOf {
  if (edition === 'cdg') return ALL_PUBLISHED;
  const status = protectSmallCounts({ values: draft.book.counts, sums: draft.book.sums, caps: draft.book.caps });
  return (id) => status.get(id) ?? 'published';
}

/** This year minus last year, when both are shown; withheld when either is suppressed. */
function change(now: ReportValue, before: ReportValue, unit: string): ReportValue {
  if (typeof now === 'number' && typeof before === 'number') return unit === 'percent' ? Math.round((now - before) * 10) / 10 : now - before;
  if (now === null || before === null) return null;
  return WITHHELD;
}

/**
 * The annual report of one year in one edition, from the report read model's sums. The previous
 * year is drafted the same way, so its figures in the summary are exactly those its own report
 * shows (in the public edition, suppressed there means suppressed here).
 */
export function buildAnnualReport(source: ReportSource, request: ReportRequest): AnnualReport {
  const { year, edition } = request;
  const current = draftYear(source, year, edition);
  const previous = draftYear(source, year - 1, edition);
  const status = statusOf(current, edition);
  const previousStatus = statusOf(previous, edition);

  const summary: ReportTable = {
    id: 'summary',
    title: 'The year at a glance',
    note: `Headline figures for ${reportingPeriod(year).label}, with the year before and the change.`,
    columns: [
      { key: 'figure', label: 'Figure', unit: 'text' },
      { key: 'this-year', label: reportingPeriod(year).label, unit: 'row' },
      { key: 'previous-year', label: reportingPeriod(year - 1).label, unit: 'row' },
      { key: 'change', label: 'Change', unit: 'row' },
    ],
    rows: current.headline.map((h, i) => {
      const now = shown(h.cell, current.book.counts, status);
      const before = shown(previous.headline[i]!.cell, previous.book.counts, previousStatus);
      return { key: h.key, unit: h.unit, cells: { figure: h.label, 'this-year': now, 'previous-year': before, change: change(now, before, h.unit) } };
    }),
  };

  const period = reportingPeriod(year);
  return {
    report: 'compact-annual-report',
    year,
    period,
    edition,
    logPosition: request.logPosition,
    lastEventAt: source.lastEventAt,
    yearComplete: source.lastEventAt !== null && londonDateOf(source.lastEventAt) > period.to,
    engineVersion: request.engineVersion,
    calendar: request.calendar,
    tables: [summary, ...current.tables.map((t) => showTable(t, current.book.counts, status))],
  };
}

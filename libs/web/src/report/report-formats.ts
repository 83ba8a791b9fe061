import { type AnnualReport, reportCsv, reportJson } from '#reporting';
import { renderAnnualReportPage } from './annual-report-page.js';

export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json',
  csv: 'text/csv',
  html: 'text/html',
};

/** The report in one format, with the Content-Type to send it under and a file name to save it as. */
export function renderReport(report: AnnualReport, format: ReportFormat): { body: string; contentType: string; filename: string } {
  const filename = `compact-annual-report-${report.year}-${report.edition}.${format}`;
  switch (format) {
    case 'json':
      return { body: reportJson(report), contentType: 'application/json; charset=utf-8', filename };
    case 'csv':
      return { body: reportCsv(report), contentType: 'text/csv; charset=utf-8; header=present', filename };
    case 'html':
      return { body: renderAnnualReportPage(report), contentType: 'text/html; charset=utf-8', filename };
  }
}

import { type AnnualReport, FEWER_THAN_3, NOT_SHOWN, type ReportTable, type ReportValue, WITHHELD } from '#reporting';
import { barChartSvg, type BarChart } from '../charts/bar-chart.js';
import { formatChange, formatFigure, longDate, renderPage } from '../nunjucks-environment.js';

type Cells = Readonly<Record<string, ReportValue>>;

const tableById = (report: AnnualReport, id: string): ReportTable | undefined => report.tables.find((t) => t.id === id);
const rowsOf = (report: AnnualReport, id: string) => tableById(report, id)?.rows ?? [];
const cellsOf = (report: AnnualReport, table: string, row: string): Cells => rowsOf(report, table).find((r) => r.key === row)?.cells ?? {};
const suppressed = (v: ReportValue) => v === FEWER_THAN_3 || v === WITHHELD || v === NOT_SHOWN;
const cases = (v: ReportValue, one = 'case', many = 'cases') => (typeof v === 'number' ? `${formatFigure(v)} ${v === 1 ? one : many}` : `${v ?? 'no'} ${many}`);

/** govukTable's parameters for a report table: numbers right-aligned, suppressed figures in grey italics, totals in bold. */
function govukTableOf(table: ReportTable) {
  const numeric = (unit: string) => unit !== 'text' && unit !== 'date';
  return {
    caption: table.title,
    captionClasses: 'govuk-table__caption--s govuk-visually-hidden',
    // Wide tables (the CDG's organisations) in smaller type, so they fit a printed page.
    ...(table.columns.length > 5 ? { classes: 'app-table--dense' } : {}),
    firstCellIsHeader: true,
    head: table.columns.map((c) => ({ text: c.label, ...(numeric(c.unit) ? { format: 'numeric' } : {}) })),
    rows: table.rows.map((row) =>
      table.columns.map((c) => {
        const value = row.cells[c.key] ?? null;
        const unit = c.unit === 'row' ? (row.unit ?? 'count') : c.unit;
        const shown = c.key === 'change' ? formatChange(value, unit) : unit === 'date' && typeof value === 'string' ? longDate(value) : formatFigure(value, unit);
        const classes = [numeric(c.unit) ? 'app-table-number' : '', suppressed(value) ? 'app-suppressed' : '', row.total ? 'govuk-!-font-weight-bold' : ''].filter(Boolean).join(' ');
        return { text: shown, ...(numeric(c.unit) ? { format: 'numeric' } : {}), ...(classes ? { classes } : {}) };
      }),
    ),
  };
}

const count = (v: number) => formatFigure(v);
const days = (v: number) => `${formatFigure(v)} WD`;
const pct = (v: number) => formatFigure(v, 'percent');

/** The charts the page draws, by table: each from the table's own figures, so chart and table always agree. */
function chartFor(report: AnnualReport, table: ReportTable): BarChart | null {
  const id = `chart-${table.id}`;
  const parts = (t: ReportTable) => t.rows.filter((r) => !r.total);
  switch (table.id) {
    case 'summary': {
      const keys = ['cases-opened', 'cases-closed', 'open-at-year-end'];
      const rows = table.rows.filter((r) => keys.includes(r.key));
      return {
        id,
        title: 'Cases opened, closed and open at the year end, this year and last',
        series: [{ label: table.columns[1]?.label ?? 'This year' }, { label: table.columns[2]?.label ?? 'Previous year' }],
        rows: rows.map((r) => ({ label: String(r.cells['figure']), values: [r.cells['this-year'] ?? null, r.cells['previous-year'] ?? null] })),
        format: count,
      };
    }
    case 'outcomes':
    case 'highest-stage':
      return {
        id,
        title: table.title,
        series: [{ label: 'Cases' }],
        rows: parts(table).map((r) => ({ label: String(r.cells[table.columns[0]!.key]), values: [r.cells['cases'] ?? null] })),
        format: count,
      };
    case 'direction':
      return {
        id,
        title: 'Cases opened in the year, by who raised them against whom',
        series: [{ label: 'Opened' }],
        rows: parts(table).map((r) => ({ label: String(r.cells['direction']), values: [r.cells['opened'] ?? null] })),
        format: count,
      };
    case 'clauses': {
      const rows = parts(table);
      if (rows.length === 0) return null;
      return {
        id,
        title: 'Cases opened in the year citing each clause',
        series: [{ label: 'Opened' }],
        rows: rows.map((r) => ({ label: `${r.cells['clause']} ${r.cells['description']}`, values: [r.cells['opened'] ?? null] })),
        format: count,
      };
    }
    case 'working-days':
      return {
        id,
        title: 'Working days per stage and to closure: median and 90th percentile',
        series: [{ label: 'Median' }, { label: '90th percentile' }],
        rows: table.rows.map((r) => ({ label: String(r.cells['measure']), values: [r.cells['median'] ?? null, r.cells['p90'] ?? null] })),
        format: days,
      };
    case 'deadlines': {
      const rows = table.rows;
      if (rows.length <= 1) return null;
      return {
        id,
        title: 'Share of deadlines met, by step',
        series: [{ label: 'Met' }],
        rows: rows.map((r) => ({ label: String(r.cells['step']), values: [r.cells['percent-met'] ?? null] })),
        format: pct,
        max: 100,
      };
    }
    default:
      return null;
  }
}

/** The summary in plain English, from the same figures as the tables. */
export function plainSummary(report: AnnualReport): string[] {
  const s = (row: string) => cellsOf(report, 'summary', row);
  const now = (row: string) => s(row)['this-year'] ?? null;
  const before = (row: string) => s(row)['previous-year'] ?? null;
  const period = report.period.label;
  const sentences: string[] = [];
  const open = now('open-at-year-end');
  sentences.push(
    `In ${period}, ${cases(now('cases-opened'), 'dispute was raised', 'disputes were raised')} under the Compact and ${cases(now('cases-closed'), 'was closed', 'were closed')}; ${cases(open, 'was', 'were')} still open at the end of the year.`,
  );
  const last = before('cases-opened');
  if (last !== null) sentences.push(`The year before, ${cases(last, 'dispute was', 'disputes were')} raised.`);
  const median = now('median-days-to-closure');
  const p90 = now('p90-days-to-closure');
  if (typeof median === 'number' && typeof p90 === 'number') {
    sentences.push(`Half the cases that closed did so within ${median} working days of being raised, and nine in ten within ${p90}.`);
  }
  const met = now('deadlines-met');
  if (typeof met === 'number') {
    const was = before('deadlines-met');
    sentences.push(`${formatFigure(met, 'percent')} of the deadlines that fell due were met${typeof was === 'number' ? ` (the year before: ${formatFigure(was, 'percent')})` : ''}.`);
  }
  const outcomes = rowsOf(report, 'outcomes').filter((r) => !r.total && typeof r.cells['cases'] === 'number' && (r.cells['cases'] as number) > 0);
  const top = [...outcomes].sort((a, b) => (b.cells['cases'] as number) - (a.cells['cases'] as number))[0];
  if (top) sentences.push(`The most common outcome was “${String(top.cells['outcome']).toLowerCase()}” (${cases(top.cells['cases'] ?? null)}).`);
  const directions = rowsOf(report, 'direction').filter((r) => !r.total && typeof r.cells['opened'] === 'number' && (r.cells['opened'] as number) > 0);
  const topDirection = [...directions].sort((a, b) => (b.cells['opened'] as number) - (a.cells['opened'] as number))[0];
  if (topDirection) sentences.push(`Most disputes opened were ${String(topDirection.cells['direction']).toLowerCase()} (${cases(topDirection.cells['opened'] ?? null)}).`);
  const clauses = rowsOf(report, 'clauses').filter((r) => !r.total && typeof r.cells['opened'] === 'number' && (r.cells['opened'] as number) > 0);
  const topClause = [...clauses].sort((a, b) => (b.cells['opened'] as number) - (a.cells['opened'] as number) || a.key.localeCompare(b.key))[0];
  if (topClause) sentences.push(`The undertaking cited most often was clause ${topClause.key}: ${String(topClause.cells['description']).replace(/\.$/, '').toLowerCase()}.`);
  const lessons = now('lessons');
  if (typeof lessons === 'number' && lessons > 0) sentences.push(`${cases(lessons, 'lesson was', 'lessons were')} recorded for the Compact Development Group to learn from.`);
  return sentences;
}

/** Under a headline figure: how it moved since the year before. */
function changeNote(change: ReportValue, unit: string | undefined): string {
  if (change === null) return '';
  if (typeof change !== 'number') return `change on the year before: ${change}`;
  return change === 0 ? 'the same as the year before' : `${formatChange(change, unit)} on the year before`;
}

export interface PageContext {
  /** Where the other edition and formats of this report live (the page links to them). */
  readonly basePath: string;
  /** What the signed-in pages add around it (who is signed in, the navigation); nothing for the API's HTML. */
  readonly frame?: Readonly<Record<string, unknown>>;
  /** Links to the same figures as CSV and JSON files, where the page offers them. */
  readonly downloads?: { readonly csv: string; readonly json: string };
}

/** The annual report as a printable HTML page: headings, the summary in words, charts and their tables. */
export function renderAnnualReportPage(report: AnnualReport, context: PageContext = { basePath: `/reports/annual/${report.year}` }): string {
  const sections = report.tables.map((table) => {
    const chart = chartFor(report, table);
    return {
      id: table.id,
      title: table.title,
      note: table.note,
      chart: chart ? { svg: barChartSvg(chart), caption: `Chart: ${chart.title}. The figures are in the table below.` } : null,
      table: govukTableOf(table),
      empty: table.rows.length === 0,
    };
  });
  const headline = ['cases-opened', 'cases-closed', 'open-at-year-end', 'deadlines-met'].map((key) => {
    const row = rowsOf(report, 'summary').find((r) => r.key === key);
    return {
      label: String(row?.cells['figure'] ?? key),
      value: formatFigure(row?.cells['this-year'] ?? null, row?.unit),
      change: changeNote(row?.cells['change'] ?? null, row?.unit),
    };
  });
  const query = (edition: string) => `${context.basePath}?edition=${edition}`;
  return renderPage('pages/annual-report.njk', {
    ...context.frame,
    downloads: context.downloads ?? null,
    report,
    pageTitle: `Compact annual report ${report.period.label}${report.edition === 'public' ? '' : ' (CDG edition)'}`,
    summary: plainSummary(report),
    headline,
    sections,
    asOf: report.lastEventAt ? longDate(report.lastEventAt) : null,
    periodFrom: longDate(report.period.from),
    periodTo: longDate(report.period.to),
    links: { other: query(report.edition === 'public' ? 'cdg' : 'public') },
  });
}

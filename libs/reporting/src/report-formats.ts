import { type AnnualReport } from './annual-report.js';

/**
 * The report as JSON: every figure, the year, the edition, the log position and the engine
 * version. Deterministic (the same report gives the same bytes): fields in a fixed order, the
 * position as a number (a string beyond 2^53, as everywhere in the API).
 */
export function reportJson(report: AnnualReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) =>
    typeof value === 'bigint' ? (value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString()) : value,
  )}\n`;
}

const csvField = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csvLine = (fields: readonly unknown[]): string => `${fields.map(csvField).join(',')}\r\n`;

/**
 * The report as CSV (RFC 4180, CRLF): one table per section, each with its header row, separated
 * by an empty line, in the order of docs/annual-report.md. Every row starts with its table's id, so
 * the file can also be read as one long table; the first table, `report`, says which report it is.
 */
export function reportCsv(report: AnnualReport): string {
  const out: string[] = [];
  out.push(csvLine(['table', 'field', 'value']));
  const about: [string, unknown][] = [
    ['year', report.year],
    ['period-from', report.period.from],
    ['period-to', report.period.to],
    ['edition', report.edition],
    ['log-position', report.logPosition],
    ['last-event-at', report.lastEventAt],
    ['year-complete', report.yearComplete],
    ['engine-version', report.engineVersion],
    ['calendar', report.calendar],
  ];
  for (const [field, value] of about) out.push(csvLine(['report', field, value]));
  for (const table of report.tables) {
    out.push('\r\n');
    const rowUnits = table.columns.some((c) => c.unit === 'row');
    out.push(csvLine(['table', 'key', ...(rowUnits ? ['unit'] : []), ...table.columns.map((c) => c.label)]));
    for (const row of table.rows) {
      out.push(csvLine([table.id, row.key, ...(rowUnits ? [row.unit ?? ''] : []), ...table.columns.map((c) => row.cells[c.key])]));
    }
  }
  return out.join('');
}

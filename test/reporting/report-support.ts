import { AnnualReportQueries, type Principal } from '#application';
import { type AnnualReport, type Edition, type ReportValue } from '#reporting';
import { type Engine } from '../support/engine.js';

/** The report as the application answers it (live read model once caught up, or recomputed as of a position). */
export async function reportOf(engine: Engine, year: number, edition: Edition = 'cdg', asOf?: bigint): Promise<AnnualReport> {
  await engine.settle();
  const reader: Principal = { personId: 'report-reader', name: 'Secretariat', roles: ['secretariat'], organisationId: null };
  return engine.app.get(AnnualReportQueries).report(reader, { year, edition, ...(asOf === undefined ? {} : { asOf }) });
}

/** One cell: the table, the row's key and the column's key. */
export function cell(report: AnnualReport, table: string, row: string, column: string): ReportValue | undefined {
  return report.tables.find((t) => t.id === table)?.rows.find((r) => r.key === row)?.cells[column];
}

/** A table as { rowKey: { column: value } }, for whole-table expectations. */
export function tableOf(report: AnnualReport, table: string): Record<string, Record<string, ReportValue>> {
  const t = report.tables.find((x) => x.id === table);
  if (!t) throw new Error(`No table ${table} in the ${report.edition} edition`);
  return Object.fromEntries(t.rows.map((r) => [r.key, { ...r.cells }]));
}

/** A column of a table as { rowKey: value }. */
export function columnOf(report: AnnualReport, table: string, column: string): Record<string, ReportValue> {
  return Object.fromEntries(Object.entries(tableOf(report, table)).map(([row, cells]) => [row, cells[column] ?? null]));
}

/** Every count and figure of a report as "table/row/column" → value, without the text columns. */
export function figuresOf(report: AnnualReport): Record<string, ReportValue> {
  const out: Record<string, ReportValue> = {};
  for (const t of report.tables) {
    for (const r of t.rows) {
      for (const c of t.columns) {
        if (c.unit === 'text' || c.unit === 'date') continue;
        out[`${t.id}/${r.key}/${c.key}`] = r.cells[c.key] ?? null;
      }
    }
  }
  return out;
}

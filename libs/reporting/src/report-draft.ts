import { type Cap, type CellStatus, type SumRelation } from './disclosure-control.js';
import { FEWER_THAN_3, NOT_SHOWN, type ReportRow, type ReportTable, type ReportValue, type RowOf, type TableOf, WITHHELD } from './annual-report.js';

/**
 * A report table before it is shown in an edition: each count is a named figure, so the same
 * figure (cases closed) is one cell wherever it appears, and the public edition can decide once
 * whether to show it. Derived figures (shares, medians) name the counts they come from.
 */
export type DraftCell =
  | { readonly text: string }
  | { readonly count: string }
  | { readonly derived: number | null; readonly from: readonly string[] }
  | { readonly none: true };

export type DraftRow = RowOf<DraftCell>;
export type DraftTable = TableOf<DraftCell>;

/** Every count of a year with the sums and caps a reader could use on them. */
export class FigureBook {
  readonly counts = new Map<string, number>();
  readonly sums: SumRelation[] = [];
  readonly caps: Cap[] = [];

  count(id: string, value: number): DraftCell {
    const known = this.counts.get(id);
    if (known !== undefined && known !== value) throw new Error(`Figure ${id} counted as both ${known} and ${value}`);
    this.counts.set(id, value);
    return { count: id };
  }

  sum(total: string, parts: readonly string[]): void {
    if (parts.length > 0) this.sums.push({ total, parts });
  }

  cap(cells: readonly string[], atMost: string): void {
    for (const cell of cells) this.caps.push({ cell, atMost });
  }
}

export const text = (value: string): DraftCell => ({ text: value });
export const NONE: DraftCell = { none: true };

/** A share as a percentage with one decimal, or null when there is nothing to share. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((1000 * part) / whole) / 10;
}

export type StatusOf = (id: string) => CellStatus;

export const ALL_PUBLISHED: StatusOf = () => 'published';

/** What a draft cell shows, given which counts the edition publishes. */
export function shown(cell: DraftCell, counts: ReadonlyMap<string, number>, status: StatusOf): ReportValue {
  if ('text' in cell) return cell.text;
  if ('none' in cell) return null;
  if ('count' in cell) {
    const s = status(cell.count);
    if (s === 'fewer than 3') return FEWER_THAN_3;
    if (s === 'withheld') return WITHHELD;
    if (s === 'not shown') return NOT_SHOWN;
    return counts.get(cell.count) ?? 0;
  }
  return cell.from.some((id) => status(id) !== 'published') ? WITHHELD : cell.derived;
}

export function showTable(table: DraftTable, counts: ReadonlyMap<string, number>, status: StatusOf): ReportTable {
  return {
    id: table.id,
    title: table.title,
    note: table.note,
    columns: table.columns,
    rows: table.rows.map(
      (row): ReportRow => ({
        key: row.key,
        ...(row.total ? { total: true as const } : {}),
        ...(row.unit ? { unit: row.unit } : {}),
        cells: Object.fromEntries(Object.entries(row.cells).map(([k, cell]) => [k, shown(cell, counts, status)])),
      }),
    ),
  };
}

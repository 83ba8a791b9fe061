import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type EventStore } from '#event-store';
import { applyBatch, openReadModelFile, prepareProjectionFile, type Projection, storedCheckpoint } from '#projections';

/** One row that is not the same in the live read model and in one rebuilt from the log. */
export interface ProjectionDifference {
  readonly projection: string;
  readonly table: string;
  /** `missing`: the log gives the row, the live read model lacks it; `extra`: the other way; `different`: both have it, not alike. */
  readonly kind: 'missing' | 'extra' | 'different';
  /** The row's primary key. */
  readonly key: Readonly<Record<string, unknown>>;
  /** The columns that differ (for `different`). */
  readonly columns: readonly string[];
  readonly live: Readonly<Record<string, unknown>> | null;
  readonly rebuilt: Readonly<Record<string, unknown>> | null;
}

export interface ProjectionCheck {
  readonly ok: boolean;
  readonly projections: { readonly name: string; readonly checkpoint: bigint; readonly tables: number; readonly rows: number; readonly differences: number }[];
  /** The differences about a case, by case. */
  readonly cases: { readonly caseId: string; readonly differences: ProjectionDifference[] }[];
  /** The rest: the directory, a read model's own state, a missing file. */
  readonly others: ProjectionDifference[];
  readonly differencesNotListed: number;
}

export interface ProjectionCheckProgress {
  readonly name: string;
  readonly position: bigint;
  readonly head: bigint;
}

const PAGE = 1_000;
const MAX_LISTED = 1_000;
/** The column that says which case a row is about. */
const CASE_COLUMN = 'case_id';

/**
 * Rebuilds every read model from the log in a scratch directory, each up to the checkpoint its live
 * file is at (read inside one read transaction, so a server writing meanwhile changes nothing of
 * what is compared), and compares them table by table, row by row, by primary key. Differences
 * are reported by case (rows with a case_id), the rest apart. The live files are only read.
 */
export async function checkProjections(
  store: EventStore,
  dataDir: string,
  projections: readonly Projection[],
  options: { readonly scratchDir?: string; readonly onProgress?: (progress: ProjectionCheckProgress) => void } = {},
): Promise<ProjectionCheck> {
  const scratch = mkdtempSync(join(options.scratchDir ?? tmpdir(), 'compact-check-projections-'));
  const differences: ProjectionDifference[] = [];
  const summaries: ProjectionCheck['projections'] = [];
  try {
    for (const projection of projections) {
      const liveFile = join(dataDir, `${projection.name}.sqlite`);
      if (!existsSync(liveFile)) {
        differences.push({ projection: projection.name, table: '(file)', kind: 'missing', key: { file: liveFile }, columns: [], live: null, rebuilt: null });
        summaries.push({ name: projection.name, checkpoint: 0n, tables: 0, rows: 0, differences: 1 });
        continue;
      }
      const live = new Database(liveFile, { readonly: true, fileMustExist: true });
      const rebuilt = openReadModelFile(join(scratch, `${projection.name}.sqlite`));
      try {
        // The read transaction starts with the first read and holds this snapshot until COMMIT.
        live.exec('BEGIN');
        const checkpoint = storedCheckpoint(live, projection.name);
        await build(store, projection, rebuilt, checkpoint, options.onProgress);
        const found = compareFiles(projection.name, live, rebuilt);
        differences.push(...found.differences);
        summaries.push({ name: projection.name, checkpoint, tables: found.tables, rows: found.rows, differences: found.differences.length });
        live.exec('COMMIT');
      } finally {
        live.close();
        rebuilt.close();
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const listed = differences.slice(0, MAX_LISTED);
  const byCase = new Map<string, ProjectionDifference[]>();
  const others: ProjectionDifference[] = [];
  for (const d of listed) {
    const caseId = (d.live ?? d.rebuilt)?.[CASE_COLUMN];
    if (typeof caseId === 'string') byCase.set(caseId, [...(byCase.get(caseId) ?? []), d]);
    else others.push(d);
  }
  return {
    ok: differences.length === 0,
    projections: summaries,
    cases: [...byCase.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([caseId, list]) => ({ caseId, differences: list })),
    others,
    differencesNotListed: differences.length - listed.length,
  };
}

/** The projection from position 0 to `upTo`, into a fresh file, as a rebuild makes it. */
async function build(store: EventStore, projection: Projection, db: Database.Database, upTo: bigint, onProgress?: (p: ProjectionCheckProgress) => void): Promise<void> {
  prepareProjectionFile(db, projection);
  let after = 0n;
  onProgress?.({ name: projection.name, position: 0n, head: upTo });
  while (after < upTo) {
    const batch = (await store.readAll({ after, limit: PAGE })).filter((e) => e.position <= upTo);
    const last = batch.at(-1);
    if (last === undefined) break;
    applyBatch(db, projection, batch);
    after = last.position;
    onProgress?.({ name: projection.name, position: after, head: upTo });
  }
}

type Row = Record<string, unknown>;

function compareFiles(projection: string, live: Database.Database, rebuilt: Database.Database) {
  const tablesOf = (db: Database.Database) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const tables = [...new Set([...tablesOf(live), ...tablesOf(rebuilt)])].sort();
  const differences: ProjectionDifference[] = [];
  let rows = 0;
  for (const table of tables) {
    const key = keyColumns(rebuilt, table) ?? keyColumns(live, table) ?? [];
    const left = rowsByKey(live, table, key);
    const right = rowsByKey(rebuilt, table, key);
    rows += right.size;
    for (const [k, rebuiltRow] of right) {
      const liveRow = left.get(k);
      const keyOf = (row: Row) => Object.fromEntries(key.map((c) => [c, row[c]]));
      if (liveRow === undefined) {
        differences.push({ projection, table, kind: 'missing', key: keyOf(rebuiltRow), columns: [], live: null, rebuilt: rebuiltRow });
        continue;
      }
      const columns = [...new Set([...Object.keys(liveRow), ...Object.keys(rebuiltRow)])].filter((c) => !sameValue(liveRow[c], rebuiltRow[c]));
      if (columns.length > 0) differences.push({ projection, table, kind: 'different', key: keyOf(rebuiltRow), columns, live: liveRow, rebuilt: rebuiltRow });
    }
    for (const [k, liveRow] of left) {
      if (!right.has(k)) differences.push({ projection, table, kind: 'extra', key: Object.fromEntries(key.map((c) => [c, liveRow[c]])), columns: [], live: liveRow, rebuilt: null });
    }
  }
  return { tables: tables.length, rows, differences };
}

/** The table's primary key columns, in key order; null when the table is not in this file. */
function keyColumns(db: Database.Database, table: string): string[] | null {
  const columns = db.prepare(`PRAGMA table_info("${table.replaceAll('"', '""')}")`).all() as { name: string; pk: number }[];
  if (columns.length === 0) return null;
  const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  return key.length > 0 ? key : columns.map((c) => c.name);
}

/** Every row by its key (a table without one is keyed by all its columns). An absent table has none. */
function rowsByKey(db: Database.Database, table: string, key: readonly string[]): Map<string, Row> {
  const rows = new Map<string, Row>();
  if (keyColumns(db, table) === null) return rows;
  for (const row of db.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).all() as Row[]) rows.set(JSON.stringify(key.map((c) => row[c])), row);
  return rows;
}

const sameValue = (a: unknown, b: unknown): boolean => (Buffer.isBuffer(a) && Buffer.isBuffer(b) ? a.equals(b) : a === b);

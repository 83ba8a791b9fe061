import type Database from 'better-sqlite3';
import { disputeMachine, type DisputeSnapshot, EMPTY_CONTEXT } from '#domain';
import { INITIAL_CASE_STATE } from './case-fold.js';
import { statement } from './statement-cache.js';

/*
 * A case's folded state as a projection keeps it between batches. The case file (notes, evidence,
 * lessons) is what grows with a case's length and only ever gains items, so it is kept one row per
 * item and only the new items are written; the rest of the context, which stays small, is one row.
 * Writing the whole context each time made every command on a long case cost more than the last.
 */

const CASE_FILE_LISTS = ['notes', 'evidence', 'lessons'] as const;
type CaseFileList = (typeof CASE_FILE_LISTS)[number];

/** How many items of each list the file holds for a case. */
export type CaseFileCounts = Readonly<Record<CaseFileList, number>>;

/**
 * The two tables of one projection's snapshots. The states table has a rowid: a state is a few
 * kilobytes, which a WITHOUT ROWID table (an index b-tree, under a kilobyte of a row on its page)
 * spreads over several overflow pages on every write.
 */
export interface SnapshotTables {
  /** case_id, revision, value (the machine's state value), context (without the case file). */
  readonly states: string;
  /** case_id, list, seq, item. */
  readonly items: string;
}

export function snapshotTablesSql({ states, items }: SnapshotTables): string {
  return `
CREATE TABLE IF NOT EXISTS ${states} (
  case_id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  value TEXT NOT NULL,
  context TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${items} (
  case_id TEXT NOT NULL,
  list TEXT NOT NULL,
  seq INTEGER NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY (case_id, list, seq)
) WITHOUT ROWID;`;
}

const countsOf = (snapshot: DisputeSnapshot): CaseFileCounts => ({
  notes: snapshot.context.notes.length,
  evidence: snapshot.context.evidence.length,
  lessons: snapshot.context.lessons.length,
});

/**
 * The cases and report projections hold the very same state objects (case-fold.ts) and both save
 * them: the JSON of a state is made once. Snapshots are immutable, and the map lets go of a
 * state when nothing else holds it.
 */
const serialised = new WeakMap<DisputeSnapshot, { readonly value: string; readonly context: string }>();

function serialisedState(snapshot: DisputeSnapshot): { readonly value: string; readonly context: string } {
  let known = serialised.get(snapshot);
  if (known === undefined) {
    const { notes: _notes, evidence: _evidence, lessons: _lessons, ...rest } = snapshot.context;
    known = { value: JSON.stringify(snapshot.value), context: JSON.stringify(rest) };
    serialised.set(snapshot, known);
  }
  return known;
}

/**
 * Writes the case's state at `revision`. `written` is what the file is known to hold for the case
 * already (null when unknown: then its items are replaced). Answers what the file now holds.
 */
export function saveSnapshot(
  db: Database.Database,
  tables: SnapshotTables,
  caseId: string,
  snapshot: DisputeSnapshot,
  revision: bigint,
  written: CaseFileCounts | null,
): CaseFileCounts {
  const state = serialisedState(snapshot);
  // An update in place: a REPLACE deletes and inserts the row, and states are kilobytes.
  statement(
    db,
    `INSERT INTO ${tables.states} (case_id, revision, value, context) VALUES (?, ?, ?, ?)
     ON CONFLICT (case_id) DO UPDATE SET revision = excluded.revision, value = excluded.value, context = excluded.context`,
  ).run(
    caseId,
    revision,
    state.value,
    state.context,
  );
  const counts = countsOf(snapshot);
  const insert = statement(db, `INSERT OR REPLACE INTO ${tables.items} (case_id, list, seq, item) VALUES (?, ?, ?, ?)`);
  for (const list of CASE_FILE_LISTS) {
    const items = snapshot.context[list];
    let from = written?.[list] ?? 0;
    if (written === null || from > items.length) {
      statement(db, `DELETE FROM ${tables.items} WHERE case_id = ? AND list = ?`).run(caseId, list);
      from = 0;
    }
    for (let seq = from; seq < items.length; seq++) insert.run(caseId, list, seq, JSON.stringify(items[seq]));
  }
  return counts;
}

/** The case's state as the file holds it, with its revision (null: the file has none). */
export function loadSnapshot(
  db: Database.Database,
  tables: SnapshotTables,
  caseId: string,
): { readonly snapshot: DisputeSnapshot; readonly revision: bigint; readonly counts: CaseFileCounts } | null {
  const row = statement(db, `SELECT revision, value, context FROM ${tables.states} WHERE case_id = ?`).get(caseId) as
    | { revision: number | bigint; value: string; context: string }
    | undefined;
  if (!row) return null;
  const lists: Record<CaseFileList, unknown[]> = { notes: [], evidence: [], lessons: [] };
  const items = statement(db, `SELECT list, item FROM ${tables.items} WHERE case_id = ? ORDER BY list, seq`).all(caseId) as { list: CaseFileList; item: string }[];
  for (const { list, item } of items) lists[list].push(JSON.parse(item));
  // Fields the case context gained since the row was written start from their empty value.
  const context = { ...EMPTY_CONTEXT, ...JSON.parse(row.context), ...lists };
  const snapshot = disputeMachine.resolveState({ value: JSON.parse(row.value), context });
  return { snapshot, revision: BigInt(row.revision), counts: countsOf(snapshot) };
}

/** A case the file has no state of has no items either (both are written together). */
export const NO_ITEMS: CaseFileCounts = { notes: 0, evidence: 0, lessons: 0 };

/** A snapshot that is not yet in any file. */
export const NO_SNAPSHOT = { snapshot: INITIAL_CASE_STATE, revision: -1n, counts: NO_ITEMS } as const;

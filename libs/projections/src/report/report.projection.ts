import type Database from 'better-sqlite3';
import {
  type DisputeSnapshot,
  londonDateOf,
  type WorkingDayCalendar,
} from '#domain';
import { type RecordedEvent } from '#event-store';
import { type CaseFacts, contributionDelta, contributionOf, decodeTotalKey, nextCaseFacts } from '#reporting';
import { caseIdOfStream, ORGANISATION_STREAM_PREFIX, toDisputeMachineEvent } from '#events';
import { type Projection } from '../projection.js';
import { type CaseFileCounts, loadSnapshot, NO_SNAPSHOT, saveSnapshot, snapshotTablesSql, type SnapshotTables } from '../case-snapshots.js';
import { keptStatesOf, type KeptCaseStates } from '../kept-case-states.js';
import { perFile } from '../per-file.js';
import { foldCaseEvent } from '../case-fold.js';
import { statement } from '../statement-cache.js';

export const REPORT_PROJECTION = 'report';

const TABLES = `
CREATE TABLE IF NOT EXISTS report_cases (
  case_id TEXT PRIMARY KEY,
  facts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS report_totals (
  year INTEGER NOT NULL,
  metric TEXT NOT NULL,
  dim1 TEXT NOT NULL,
  dim2 TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (year, metric, dim1, dim2)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS report_organisations (
  organisation_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sector TEXT NOT NULL,
  type TEXT NOT NULL,
  signed_on TEXT NOT NULL,
  left_on TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS report_lessons (
  case_id TEXT NOT NULL,
  lesson_id TEXT NOT NULL,
  recorded_on TEXT NOT NULL,
  clause TEXT,
  text TEXT NOT NULL,
  PRIMARY KEY (case_id, lesson_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS report_lessons_by_day ON report_lessons (recorded_on);
CREATE TABLE IF NOT EXISTS report_log (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_event_at TEXT
);
`;

/** The folded state of each case, to go on from in the next batch or after a restart. */
const SNAPSHOTS: SnapshotTables = { states: 'report_case_states', items: 'report_case_items' };

interface Staged {
  readonly snapshot: DisputeSnapshot;
  readonly facts: CaseFacts | null;
  readonly revision: bigint;
  /** The facts when the batch first touched the case: its contribution then is what the batch takes away. */
  readonly before: CaseFacts | null;
  /** What the file held of the case's file before the batch (null: unknown). */
  readonly counts: CaseFileCounts | null;
}

/**
 * Per open file: the cases a batch has touched, and the last event time seen, written once at the
 * end of the batch; and the states last written (kept-case-states.ts), so the next batch need not
 * read them back.
 */
const staged = new WeakMap<Database.Database, { cases: Map<string, Staged>; lastEventAt: string | null }>();
const written = new WeakMap<Database.Database, KeptCaseStates<Staged>>();
const REMEMBERED_CASES = 2_000;

const batchOf = (db: Database.Database) => perFile(staged, db, () => ({ cases: new Map<string, Staged>(), lastEventAt: null as string | null }));

const writtenOf = (db: Database.Database) => keptStatesOf(written, db, REMEMBERED_CASES);

function restore(db: Database.Database, caseId: string): Staged {
  const remembered = writtenOf(db).get(caseId);
  if (remembered) return { ...remembered, before: remembered.facts };
  const stored = loadSnapshot(db, SNAPSHOTS, caseId);
  const row = statement(db, 'SELECT facts FROM report_cases WHERE case_id = ?').get(caseId) as { facts: string } | undefined;
  if (!stored || !row) return { ...NO_SNAPSHOT, facts: null, before: null };
  const facts = JSON.parse(row.facts) as CaseFacts;
  return { snapshot: stored.snapshot, revision: stored.revision, counts: stored.counts, facts, before: facts };
}

/** Adds a batch's contributions to the sums. */
function addToTotals(db: Database.Database, delta: ReadonlyMap<string, number>): void {
  const upsert = statement(
    db,
    `INSERT INTO report_totals (year, metric, dim1, dim2, value) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (year, metric, dim1, dim2) DO UPDATE SET value = value + excluded.value
     RETURNING value`,
  );
  const prune = statement(db, 'DELETE FROM report_totals WHERE year = ? AND metric = ? AND dim1 = ? AND dim2 = ?');
  for (const [key, n] of delta) {
    if (n === 0) continue;
    const k = decodeTotalKey(key);
    const { value } = upsert.get(k.year, k.metric, k.dim1, k.dim2, n) as { value: number };
    // A sum of nought is no row, so a rebuild gives the same file. An increase can bring one there
    // too: a batch that moves a case's contribution between keys may take from a key before the
    // batch that gives to it.
    if (value === 0) prune.run(k.year, k.metric, k.dim1, k.dim2);
  }
}

/**
 * The annual report's read model: every case event goes through the same machine that decided it,
 * the case's report facts follow its states (case-facts.ts), and the sums per reporting year take
 * away the case's old contribution and add its new one (working days counted once, here). So a
 * report of any year is a read of a few hundred sums, however many cases there are.
 * Deterministic: only the events and their metadata are read, so a rebuild gives the same sums.
 */
export function createReportProjection(calendar: WorkingDayCalendar): Projection {
  // Facts are immutable: a case's contribution after one batch is its contribution before the next.
  const contributions = new WeakMap<CaseFacts, Map<string, number>>();
  const contributionFor = (facts: CaseFacts | null): Map<string, number> => {
    if (facts === null) return new Map();
    let known = contributions.get(facts);
    if (known === undefined) {
      known = contributionOf(facts, calendar);
      contributions.set(facts, known);
    }
    return known;
  };
  return {
    name: REPORT_PROJECTION,
    // 2: case states as case-snapshots.ts keeps them (the case file one row per item).
    // 3: report_case_states and report_cases with a rowid (their rows are kilobytes), rows updated in place.
    version: 3,
    createTables(db) {
      db.exec(TABLES + snapshotTablesSql(SNAPSHOTS));
    },
    apply(db, event) {
      const batch = batchOf(db);
      const at = (event.metadata as { occurredAt?: unknown }).occurredAt;
      if (typeof at === 'string' && (batch.lastEventAt === null || at > batch.lastEventAt)) batch.lastEventAt = at;
      if (event.streamId.startsWith(ORGANISATION_STREAM_PREFIX)) return applyOrganisationEvent(db, event);
      const caseId = caseIdOfStream(event.streamId);
      if (caseId === null) return;
      const machineEvent = toDisputeMachineEvent(event);
      const state = batch.cases.get(caseId) ?? restore(db, caseId);
      const next = foldCaseEvent(state.snapshot, event.id, machineEvent);
      const facts = nextCaseFacts(state.facts, state.snapshot, next, machineEvent);
      if (machineEvent.type === 'LessonRecorded') {
        statement(db, 'INSERT OR REPLACE INTO report_lessons (case_id, lesson_id, recorded_on, clause, text) VALUES (?, ?, ?, ?, ?)').run(
          caseId,
          machineEvent.data.lessonId,
          londonDateOf(machineEvent.at),
          machineEvent.data.clause,
          machineEvent.data.lesson,
        );
      }
      batch.cases.set(caseId, { snapshot: next, facts, revision: event.revision, before: state.before, counts: state.counts });
    },
    endBatch(db) {
      const batch = batchOf(db);
      try {
        // The batch's changes to the sums, added up over its cases first: most cases share most counters.
        const delta = new Map<string, number>();
        for (const [caseId, state] of batch.cases) {
          const before = contributionFor(state.before);
          const after = contributionFor(state.facts);
          for (const [key, n] of contributionDelta(before, after)) delta.set(key, (delta.get(key) ?? 0) + n);
          const counts = saveSnapshot(db, SNAPSHOTS, caseId, state.snapshot, state.revision, state.counts);
          statement(db, 'INSERT INTO report_cases (case_id, facts) VALUES (?, ?) ON CONFLICT (case_id) DO UPDATE SET facts = excluded.facts').run(
            caseId,
            JSON.stringify(state.facts),
          );
          writtenOf(db).wrote(caseId, { ...state, counts });
        }
        addToTotals(db, delta);
        if (batch.lastEventAt !== null) {
          statement(
            db,
            `INSERT INTO report_log (id, last_event_at) VALUES (1, ?)
             ON CONFLICT (id) DO UPDATE SET last_event_at = max(coalesce(last_event_at, ''), excluded.last_event_at)`,
          ).run(batch.lastEventAt);
        }
      } finally {
        // Whatever happens to this batch's transaction, its staged states must not leak into the next.
        batch.cases.clear();
        batch.lastEventAt = null;
      }
    },
    committed: (db) => writtenOf(db).committed(),
    rolledBack(db) {
      const batch = batchOf(db);
      batch.cases.clear();
      batch.lastEventAt = null;
      writtenOf(db).rolledBack();
    },
  };
}

function applyOrganisationEvent(db: Database.Database, event: RecordedEvent): void {
  const data = event.data as { organisationId?: string; name?: string; sector?: string; type?: string };
  const at = (event.metadata as { occurredAt?: string }).occurredAt ?? event.recordedAt.toISOString();
  if (event.type === 'OrganisationSigned' && data.organisationId) {
    statement(db, 'INSERT OR REPLACE INTO report_organisations (organisation_id, name, sector, type, signed_on, left_on) VALUES (?, ?, ?, ?, ?, NULL)').run(
      data.organisationId,
      data.name ?? '',
      data.sector ?? '',
      data.type ?? '',
      londonDateOf(at),
    );
  } else if (event.type === 'OrganisationLeft' && data.organisationId) {
    statement(db, 'UPDATE report_organisations SET left_on = ? WHERE organisation_id = ?').run(londonDateOf(at), data.organisationId);
  }
}

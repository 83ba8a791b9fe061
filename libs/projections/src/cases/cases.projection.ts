import type Database from 'better-sqlite3';
import {
  caseAudience,
  currentAppointeeIds,
  type DisputeSnapshot,
  londonDateOf,
  stageOfSnapshot,
  stateNameOf,
} from '#domain';
import { type RecordedEvent } from '#event-store';
import { caseIdOfStream, toDisputeMachineEvent } from '#events';
import { type Projection } from '../projection.js';
import { type CaseFileCounts, loadSnapshot, NO_ITEMS, saveSnapshot, snapshotTablesSql, type SnapshotTables } from '../case-snapshots.js';
import { foldCaseEvent, INITIAL_CASE_STATE } from '../case-fold.js';
import { keptStatesOf, type KeptCaseStates } from '../kept-case-states.js';
import { perFile } from '../per-file.js';
import { statement } from '../statement-cache.js';
import { workItemsOf } from './work-items.js';

export const CASES_PROJECTION = 'cases';

/** The folded state of each case, to go on from in the next batch or after a restart. */
const SNAPSHOTS: SnapshotTables = { states: 'case_machine', items: 'case_file_items' };

const TABLES = `
CREATE TABLE IF NOT EXISTS cases (
  case_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  stage INTEGER,
  highest_stage INTEGER,
  complainant_id TEXT NOT NULL,
  respondent_ids TEXT NOT NULL,
  parties TEXT NOT NULL,
  clauses TEXT NOT NULL,
  urgent INTEGER NOT NULL,
  summary TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  opened_on TEXT NOT NULL,
  closed_at TEXT,
  outcome TEXT,
  revision INTEGER NOT NULL,
  last_position INTEGER NOT NULL,
  last_event_at TEXT NOT NULL,
  next_due_on TEXT,
  appointees TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_by_opened ON cases (opened_at DESC, case_id);
CREATE INDEX IF NOT EXISTS cases_by_state ON cases (state);
CREATE TABLE IF NOT EXISTS case_clauses (
  case_id TEXT NOT NULL,
  clause TEXT NOT NULL,
  PRIMARY KEY (case_id, clause)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS case_clauses_by_clause ON case_clauses (clause, case_id);
CREATE TABLE IF NOT EXISTS case_parties (
  case_id TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (case_id, organisation_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS case_parties_by_organisation ON case_parties (organisation_id, case_id);
CREATE TABLE IF NOT EXISTS case_appointees (
  case_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  current INTEGER NOT NULL,
  PRIMARY KEY (case_id, person_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS case_appointees_by_person ON case_appointees (person_id, case_id);
CREATE TABLE IF NOT EXISTS deadlines (
  case_id TEXT NOT NULL,
  deadline_id TEXT NOT NULL,
  step TEXT NOT NULL,
  due_on TEXT NOT NULL,
  owed_by TEXT NOT NULL,
  owed_by_organisation_ids TEXT NOT NULL,
  status TEXT NOT NULL,
  remaining_working_days INTEGER,
  PRIMARY KEY (case_id, deadline_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS deadlines_by_due ON deadlines (status, due_on);
CREATE TABLE IF NOT EXISTS agreed_actions (
  case_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  description TEXT NOT NULL,
  due_date TEXT NOT NULL,
  check_on TEXT NOT NULL,
  PRIMARY KEY (case_id, action_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS agreed_actions_by_check ON agreed_actions (check_on);
CREATE TABLE IF NOT EXISTS suspensions (
  case_id TEXT PRIMARY KEY,
  from_step TEXT NOT NULL,
  suspended_on TEXT NOT NULL,
  until TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS work_items (
  case_id TEXT NOT NULL,
  item_no INTEGER NOT NULL,
  audience TEXT NOT NULL,
  audience_id TEXT NOT NULL,
  for_role TEXT NOT NULL,
  kind TEXT NOT NULL,
  step TEXT NOT NULL,
  action TEXT,
  alternatives TEXT NOT NULL,
  title TEXT NOT NULL,
  due_on TEXT,
  owed_by TEXT NOT NULL,
  organisation_id TEXT,
  deadline_id TEXT,
  action_id TEXT,
  missed INTEGER NOT NULL,
  PRIMARY KEY (case_id, item_no)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS work_items_by_audience ON work_items (audience, audience_id, due_on);
`;

/** What the file is known to hold for a case: its case file's item counts, and each per-case table's rows (null: unknown). */
interface Written {
  readonly counts: CaseFileCounts | null;
  readonly rows: Readonly<Record<string, string>> | null;
}

interface CaseState {
  readonly snapshot: DisputeSnapshot;
  readonly event: RecordedEvent;
  readonly at: string;
  /** What the file held for the case before this batch touched it. */
  readonly written: Written;
}

/**
 * Per open file: the cases a batch has touched (written once, at the end of the batch) and the
 * states last written (kept-case-states.ts), so the next event of a case need not read its state
 * back, nor rewrite rows that did not change.
 */
const staged = new WeakMap<Database.Database, Map<string, CaseState>>();
const written = new WeakMap<Database.Database, KeptCaseStates<CaseState>>();
const REMEMBERED_CASES = 2_000;

const stagedOf = (db: Database.Database) => perFile(staged, db, () => new Map<string, CaseState>());

const writtenOf = (db: Database.Database) => keptStatesOf(written, db, REMEMBERED_CASES);

function current(db: Database.Database, caseId: string): { snapshot: DisputeSnapshot; written: Written } {
  const pending = stagedOf(db).get(caseId);
  if (pending) return pending;
  const remembered = writtenOf(db).get(caseId);
  if (remembered) return { snapshot: remembered.snapshot, written: rowsWritten(remembered) };
  const stored = loadSnapshot(db, SNAPSHOTS, caseId);
  return stored ? { snapshot: stored.snapshot, written: { counts: stored.counts, rows: null } } : { snapshot: INITIAL_CASE_STATE, written: { counts: NO_ITEMS, rows: null } };
}

/** After endBatch, a remembered state's `written` is what it wrote. */
const lastWritten = new WeakMap<CaseState, Written>();
const rowsWritten = (state: CaseState): Written => lastWritten.get(state) ?? { counts: null, rows: null };

type Row = readonly (string | number | bigint | null)[];

/** The rows a case owns in each per-case table, from its state. */
function perCaseRows(caseId: string, snapshot: DisputeSnapshot, at: string): Record<string, { readonly insert: string; readonly rows: Row[] }> {
  const c = snapshot.context;
  const state = stateNameOf(snapshot);
  const audience = caseAudience(c);
  const current = currentAppointeeIds(c);
  const former = audience.personIds.filter((p) => !current.includes(p));
  // The case's audience (caseAudience, the rule maySeeCase reads) as rows the list can match a caller against.
  const parties = new Map<string, string>();
  for (const [organisationId, role] of [[c.complainantId, 'complainant'], ...c.respondentIds.map((r) => [r, 'respondent']), ...audience.organisationIds.map((o) => [o, 'action-owner'])] as const) {
    if (!parties.has(organisationId)) parties.set(organisationId, role);
  }
  const appointees = new Map<string, number>();
  for (const p of former) appointees.set(p, 0);
  for (const p of current) appointees.set(p, 1);
  return {
    case_clauses: { insert: 'INSERT INTO case_clauses (case_id, clause) VALUES (?, ?)', rows: [...new Set(c.clauses)].map((clause) => [caseId, clause]) },
    case_parties: { insert: 'INSERT INTO case_parties (case_id, organisation_id, role) VALUES (?, ?, ?)', rows: [...parties].map(([o, role]) => [caseId, o, role]) },
    case_appointees: { insert: 'INSERT INTO case_appointees (case_id, person_id, current) VALUES (?, ?, ?)', rows: [...appointees].map(([p, now]) => [caseId, p, now]) },
    deadlines: {
      insert: `INSERT INTO deadlines (case_id, deadline_id, step, due_on, owed_by, owed_by_organisation_ids, status, remaining_working_days)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      rows: c.deadlines
        .filter((d) => d.status === 'open' || d.status === 'paused')
        .map((d) => [caseId, d.id, d.step, d.dueOn, d.owedBy, JSON.stringify(d.owedByOrganisationIds), d.status, d.remainingWorkingDays]),
    },
    agreed_actions: {
      insert: 'INSERT INTO agreed_actions (case_id, action_id, owner_id, description, due_date, check_on) VALUES (?, ?, ?, ?, ?, ?)',
      rows: c.actions.filter((a) => a.status === 'open').map((a) => [caseId, a.actionId, a.ownerId, a.description, a.dueDate, a.checkOn]),
    },
    suspensions: {
      insert: 'INSERT INTO suspensions (case_id, from_step, suspended_on, until) VALUES (?, ?, ?, ?)',
      rows: state === 'suspended' && c.suspension ? [[caseId, c.suspension.from, c.suspension.suspendedOn, c.suspension.until]] : [],
    },
    work_items: {
      insert: `INSERT INTO work_items (case_id, item_no, audience, audience_id, for_role, kind, step, action, alternatives, title, due_on,
       owed_by, organisation_id, deadline_id, action_id, missed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      rows: workItemsOf(snapshot, at).map((w, i) => [
        caseId, i, w.audience, w.audienceId, w.forRole, w.kind, w.step, w.action, JSON.stringify(w.alternatives), w.title, w.dueOn,
        w.owedBy, w.organisationId, w.deadlineId, w.actionId, w.missed ? 1 : 0,
      ]),
    },
  };
}

/** The rows as a string to compare with what was written last; JSON.stringify with a replacer is far slower, so it is the fallback for a bigint. */
function fingerprintOf(rows: readonly Row[]): string {
  try {
    return JSON.stringify(rows);
  } catch {
    return JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
  }
}

/** Writes the case's rows from its new state; a per-case table whose rows are what the file already holds is left alone. */
function write(db: Database.Database, caseId: string, snapshot: DisputeSnapshot, event: RecordedEvent, at: string, before: Written): Written {
  const c = snapshot.context;
  const state = stateNameOf(snapshot);
  const dueDates = [
    ...c.deadlines.filter((d) => d.status === 'open').map((d) => d.dueOn),
    ...c.actions.filter((a) => a.status === 'open').map((a) => a.dueDate),
  ].sort();
  const audience = caseAudience(c);
  const current = currentAppointeeIds(c);
  const former = audience.personIds.filter((p) => !current.includes(p));

  const counts = saveSnapshot(db, SNAPSHOTS, caseId, snapshot, event.revision, before.counts);
  statement(
    db,
    `INSERT INTO cases (case_id, state, stage, highest_stage, complainant_id, respondent_ids, parties, clauses, urgent,
       summary, opened_at, opened_on, closed_at, outcome, revision, last_position, last_event_at, next_due_on, appointees)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (case_id) DO UPDATE SET state = excluded.state, stage = excluded.stage, highest_stage = excluded.highest_stage,
       complainant_id = excluded.complainant_id, respondent_ids = excluded.respondent_ids, parties = excluded.parties,
       clauses = excluded.clauses, urgent = excluded.urgent, summary = excluded.summary, opened_at = excluded.opened_at,
       opened_on = excluded.opened_on, closed_at = excluded.closed_at, outcome = excluded.outcome, revision = excluded.revision,
       last_position = excluded.last_position, last_event_at = excluded.last_event_at, next_due_on = excluded.next_due_on,
       appointees = excluded.appointees`,
  ).run(
    caseId,
    state,
    stageOfSnapshot(snapshot),
    c.highestStage,
    c.complainantId,
    JSON.stringify(c.respondentIds),
    JSON.stringify(c.parties),
    JSON.stringify(c.clauses),
    c.urgent ? 1 : 0,
    c.summary,
    c.openedAt,
    c.openedAt ? londonDateOf(c.openedAt) : '',
    c.closedAt,
    c.outcome,
    event.revision,
    event.position,
    at,
    dueDates[0] ?? null,
    JSON.stringify({ current, former }),
  );

  const rows: Record<string, string> = {};
  for (const [table, { insert, rows: tableRows }] of Object.entries(perCaseRows(caseId, snapshot, at))) {
    const fingerprint = fingerprintOf(tableRows);
    rows[table] = fingerprint;
    if (before.rows?.[table] === fingerprint) continue;
    statement(db, `DELETE FROM ${table} WHERE case_id = ?`).run(caseId);
    const statementOf = statement(db, insert);
    for (const row of tableRows) statementOf.run(...row);
  }
  return { counts, rows };
}

/**
 * The case list, the deadline book and the work queue, from one fold: each case event goes
 * through the same machine that decided it (state and context restored from the stored snapshot),
 * and the per-case tables whose rows the new state changes are rewritten. Deterministic: only the events and
 * their metadata are read, so a rebuild gives the same bytes.
 */
export const casesProjection: Projection = {
  name: CASES_PROJECTION,
  // 3: overdue work items once (guards); 4: action owners in case_parties, removed appointees out of case_appointees, closed-unfinished actions;
  // 5: work items are what the machine allows their audience at the case's last event (no rulings owed while suspended, no late extension offered).
  // 6: the case file's items in rows of their own (case_file_items), only what changed written.
  // 7: case_machine with a rowid (its rows are kilobytes), rows updated in place.
  version: 7,
  createTables(db) {
    db.exec(TABLES + snapshotTablesSql(SNAPSHOTS));
  },
  // Case streams only (libs/events names them); organisations' and people's are the directory's.
  accepts: (event) => caseIdOfStream(event.streamId) !== null,
  apply(db, event) {
    const caseId = caseIdOfStream(event.streamId);
    if (caseId === null) return;
    const machineEvent = toDisputeMachineEvent(event);
    const before = current(db, caseId);
    const next = foldCaseEvent(before.snapshot, event.id, machineEvent);
    stagedOf(db).set(caseId, { snapshot: next, event, at: machineEvent.at, written: before.written });
  },
  endBatch(db) {
    const pending = stagedOf(db);
    const remembered = writtenOf(db);
    try {
      for (const [caseId, state] of pending) {
        lastWritten.set(state, write(db, caseId, state.snapshot, state.event, state.at, state.written));
        remembered.wrote(caseId, state);
      }
    } finally {
      // Whatever happens to this batch's transaction, its staged states must not leak into the next.
      pending.clear();
    }
  },
  committed: (db) => writtenOf(db).committed(),
  rolledBack(db) {
    stagedOf(db).clear();
    writtenOf(db).rolledBack();
  },
};

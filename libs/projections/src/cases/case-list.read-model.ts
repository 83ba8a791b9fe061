import type Database from 'better-sqlite3';
import { type PartySnapshot, type Stage, type ViewerKeys } from '#domain';
import { DISPUTE_STREAM_PREFIX } from '#events';
import { HALTED_STREAMS_TABLE, type ProjectionFailure } from '../projection-runner.js';
import { OVERDUE_WORK_ITEM } from './work-queue.read-model.js';

/**
 * Who may see which cases, as the domain's viewerKeys work it out from the caller's roles: every
 * case, or those whose audience (case_parties, case_appointees: caseAudience) holds these ids.
 */
export type CaseVisibility = ViewerKeys;

/** GET /disputes filters, typed (the controller turns query strings into these). */
export interface DisputeListFilters {
  /** A dotted state (`formal.awaitingResponse`) or a prefix of one (`formal`, `cdg.panel`). */
  readonly state?: string;
  /** 1–4. */
  readonly stage?: number;
  /** Cases this organisation is party to (complainant or respondent). */
  readonly organisationId?: string;
  /** Cases citing this Compact clause. */
  readonly clause?: string;
  /** true: something is past its due date; false: nothing is. */
  readonly overdue?: boolean;
  /** Inclusive `YYYY-MM-DD` bounds on the London date the case was opened. */
  readonly openedFrom?: string;
  readonly openedTo?: string;
}

export interface CaseListQuery extends DisputeListFilters {
  readonly visibility: CaseVisibility;
  /** Today's London date: "overdue" means something was due before it. */
  readonly today: string;
  /** Keyset: the last row of the previous page. */
  readonly after?: { readonly openedAt: string; readonly caseId: string };
  readonly limit: number;
}

export interface CaseSummaryRow {
  readonly id: string;
  readonly state: string;
  readonly stage: Stage | null;
  readonly highestStage: Stage | null;
  readonly complainantId: string;
  readonly respondentIds: string[];
  /** Names and sectors as they were when the dispute was raised. */
  readonly parties: PartySnapshot[];
  readonly clauses: string[];
  readonly urgent: boolean;
  readonly summary: string;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly outcome: string | null;
  readonly revision: bigint;
  /** Global position of the case's last event. */
  readonly position: bigint;
  readonly lastEventAt: string;
  /** Earliest open due date (deadline or agreed action). */
  readonly nextDueOn: string | null;
  readonly overdue: boolean;
  readonly appointees: { readonly current: string[]; readonly former: string[] };
  /**
   * The event of this case the projection could not apply, only when there is one: the row shows
   * the case as it was just before it, and none of the case's later events, until a rebuild.
   */
  readonly projectionFailure?: ProjectionFailure & { readonly skippedEvents: number };
}

interface Row {
  case_id: string;
  state: string;
  stage: number | null;
  highest_stage: number | null;
  complainant_id: string;
  respondent_ids: string;
  parties: string;
  clauses: string;
  urgent: number;
  summary: string;
  opened_at: string;
  closed_at: string | null;
  outcome: string | null;
  revision: number;
  last_position: number;
  last_event_at: string;
  next_due_on: string | null;
  appointees: string;
  overdue: number;
  failed_position: string | null;
  failed_event_id: string | null;
  failed_event_type: string | null;
  failed_error: string | null;
  failed_skipped_events: number | null;
}

/** The case's halted stream, if the projection halted it (see HaltedStream). */
const WITH_FAILURE = `h.position AS failed_position, h.event_id AS failed_event_id, h.event_type AS failed_event_type,
  h.error AS failed_error, h.skipped_events AS failed_skipped_events`;
const JOIN_FAILURE = `LEFT JOIN ${HALTED_STREAMS_TABLE} h ON h.stream_id = '${DISPUTE_STREAM_PREFIX}' || c.case_id`;

/** Something still to be done on the case is past its due date: the work queue's definition. */
const OVERDUE = `EXISTS (SELECT 1 FROM work_items w WHERE w.case_id = c.case_id AND ${OVERDUE_WORK_ITEM})`;

const toSummary = (r: Row): CaseSummaryRow => ({
  id: r.case_id,
  state: r.state,
  stage: r.stage as Stage | null,
  highestStage: r.highest_stage as Stage | null,
  complainantId: r.complainant_id,
  respondentIds: JSON.parse(r.respondent_ids) as string[],
  parties: JSON.parse(r.parties) as PartySnapshot[],
  clauses: JSON.parse(r.clauses) as string[],
  urgent: r.urgent === 1,
  summary: r.summary,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  outcome: r.outcome,
  revision: BigInt(r.revision),
  position: BigInt(r.last_position),
  lastEventAt: r.last_event_at,
  nextDueOn: r.next_due_on,
  overdue: r.overdue === 1,
  appointees: JSON.parse(r.appointees) as { current: string[]; former: string[] },
  ...(r.failed_position !== null && {
    projectionFailure: {
      position: BigInt(r.failed_position),
      eventId: r.failed_event_id ?? '',
      eventType: r.failed_event_type ?? '',
      error: r.failed_error ?? '',
      skippedEvents: r.failed_skipped_events ?? 0,
    },
  }),
});

const placeholders = (prefix: string, values: readonly string[], params: Record<string, unknown>): string =>
  values
    .map((v, i) => {
      params[`${prefix}${i}`] = v;
      return `@${prefix}${i}`;
    })
    .join(', ');

/** The case list behind GET /disputes: filters, visibility and keyset pagination in SQL. */
export class CaseListReadModel {
  constructor(private readonly db: () => Database.Database) {}

  /** Up to `limit` rows, newest opened first (ties by id). */
  list(q: CaseListQuery): CaseSummaryRow[] {
    const params: Record<string, unknown> = { today: q.today, limit: q.limit };
    const where: string[] = [];
    if (!q.visibility.all) {
      const seen: string[] = [];
      if (q.visibility.organisationIds.length > 0) {
        seen.push(
          `EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = c.case_id AND p.organisation_id IN (${placeholders('org', q.visibility.organisationIds, params)}))`,
        );
      }
      if (q.visibility.personIds.length > 0) {
        seen.push(
          `EXISTS (SELECT 1 FROM case_appointees a WHERE a.case_id = c.case_id AND a.person_id IN (${placeholders('person', q.visibility.personIds, params)}))`,
        );
      }
      where.push(seen.length > 0 ? `(${seen.join(' OR ')})` : '0');
    }
    if (q.state !== undefined) {
      where.push('(c.state = @state OR c.state GLOB @stateGlob)');
      params['state'] = q.state;
      params['stateGlob'] = `${q.state}.*`;
    }
    if (q.stage !== undefined) {
      where.push('c.stage = @stage');
      params['stage'] = q.stage;
    }
    if (q.organisationId !== undefined) {
      where.push(
        "EXISTS (SELECT 1 FROM case_parties p2 WHERE p2.case_id = c.case_id AND p2.organisation_id = @organisationId AND p2.role IN ('complainant', 'respondent'))",
      );
      params['organisationId'] = q.organisationId;
    }
    if (q.clause !== undefined) {
      where.push('EXISTS (SELECT 1 FROM case_clauses k WHERE k.case_id = c.case_id AND k.clause = @clause)');
      params['clause'] = q.clause;
    }
    if (q.overdue !== undefined) where.push(q.overdue ? OVERDUE : `NOT ${OVERDUE}`);
    if (q.openedFrom !== undefined) {
      where.push('c.opened_on >= @openedFrom');
      params['openedFrom'] = q.openedFrom;
    }
    if (q.openedTo !== undefined) {
      where.push('c.opened_on <= @openedTo');
      params['openedTo'] = q.openedTo;
    }
    if (q.after !== undefined) {
      where.push('(c.opened_at < @afterOpenedAt OR (c.opened_at = @afterOpenedAt AND c.case_id > @afterCaseId))');
      params['afterOpenedAt'] = q.after.openedAt;
      params['afterCaseId'] = q.after.caseId;
    }
    const sql = `SELECT c.*, ${OVERDUE} AS overdue, ${WITH_FAILURE} FROM cases c ${JOIN_FAILURE}
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY c.opened_at DESC, c.case_id ASC LIMIT @limit`;
    return (this.db().prepare(sql).all(params) as Row[]).map(toSummary);
  }

  get(caseId: string, today: string): CaseSummaryRow | undefined {
    const row = this.db().prepare(`SELECT c.*, ${OVERDUE} AS overdue, ${WITH_FAILURE} FROM cases c ${JOIN_FAILURE} WHERE c.case_id = @caseId`).get({ caseId, today }) as
      | Row
      | undefined;
    return row ? toSummary(row) : undefined;
  }
}

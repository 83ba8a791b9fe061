import type Database from 'better-sqlite3';

export interface BookDeadline {
  readonly caseId: string;
  readonly deadlineId: string;
  readonly step: string;
  readonly dueOn: string;
  readonly owedBy: string;
  readonly owedByOrganisationIds: string[];
  readonly status: 'open' | 'paused';
  readonly remainingWorkingDays: number | null;
}

export interface BookAction {
  readonly caseId: string;
  readonly actionId: string;
  readonly ownerId: string;
  readonly description: string;
  readonly dueDate: string;
  /** The secretariat's check, 5 WD after the due date: from then on a still-open action is missed. */
  readonly checkOn: string;
}

export interface BookSuspension {
  readonly caseId: string;
  readonly fromStep: string;
  readonly suspendedOn: string;
  readonly until: string;
}

/**
 * An entry as the scheduler reads it: with the revision of its case then, so a command the case
 * refused is not sent again until the case has moved on.
 */
export type AtCaseRevision<T> = T & { readonly caseRevision: bigint };

interface WithRevision {
  case_revision: number | bigint;
}

interface DeadlineRow {
  case_id: string;
  deadline_id: string;
  step: string;
  due_on: string;
  owed_by: string;
  owed_by_organisation_ids: string;
  status: 'open' | 'paused';
  remaining_working_days: number | null;
}

interface ActionRow {
  case_id: string;
  action_id: string;
  owner_id: string;
  description: string;
  due_date: string;
  check_on: string;
}

interface SuspensionRow {
  case_id: string;
  from_step: string;
  suspended_on: string;
  until: string;
}

const toDeadline = (r: DeadlineRow): BookDeadline => ({
  caseId: r.case_id,
  deadlineId: r.deadline_id,
  step: r.step,
  dueOn: r.due_on,
  owedBy: r.owed_by,
  owedByOrganisationIds: JSON.parse(r.owed_by_organisation_ids) as string[],
  status: r.status,
  remainingWorkingDays: r.remaining_working_days,
});

const toAction = (r: ActionRow): BookAction => ({
  caseId: r.case_id,
  actionId: r.action_id,
  ownerId: r.owner_id,
  description: r.description,
  dueDate: r.due_date,
  checkOn: r.check_on,
});

const toSuspension = (r: SuspensionRow): BookSuspension => ({
  caseId: r.case_id,
  fromStep: r.from_step,
  suspendedOn: r.suspended_on,
  until: r.until,
});

/** The deadline book: every open or paused due date, open agreed action and running suspension. */
export class DeadlineBookReadModel {
  constructor(private readonly db: () => Database.Database) {}

  /** Open deadlines whose due day is over (due before `today`); paused ones never are. */
  overdueDeadlines(today: string): AtCaseRevision<BookDeadline>[] {
    return this.withCaseRevision<DeadlineRow, BookDeadline>(
      `SELECT d.*, c.revision AS case_revision FROM deadlines d JOIN cases c USING (case_id)
       WHERE d.status = 'open' AND d.due_on < ? ORDER BY d.due_on, d.case_id, d.deadline_id`,
      today,
      toDeadline,
    );
  }

  /** Open actions whose check day has come. */
  actionsToCheck(today: string): AtCaseRevision<BookAction>[] {
    return this.withCaseRevision<ActionRow, BookAction>(
      `SELECT a.*, c.revision AS case_revision FROM agreed_actions a JOIN cases c USING (case_id)
       WHERE a.check_on <= ? ORDER BY a.check_on, a.case_id, a.action_id`,
      today,
      toAction,
    );
  }

  /** Suspensions whose last day is over. */
  endedSuspensions(today: string): AtCaseRevision<BookSuspension>[] {
    return this.withCaseRevision<SuspensionRow, BookSuspension>(
      `SELECT s.*, c.revision AS case_revision FROM suspensions s JOIN cases c USING (case_id)
       WHERE s.until < ? ORDER BY s.until, s.case_id`,
      today,
      toSuspension,
    );
  }

  private withCaseRevision<R, T>(sql: string, today: string, to: (r: R) => T): AtCaseRevision<T>[] {
    return (this.db().prepare(sql).all(today) as (R & WithRevision)[]).map((r) => ({ ...to(r), caseRevision: BigInt(r.case_revision) }));
  }

  deadlines(caseId?: string): BookDeadline[] {
    const sql = `SELECT * FROM deadlines ${caseId ? 'WHERE case_id = ?' : ''} ORDER BY due_on, case_id, deadline_id`;
    return (this.db().prepare(sql).all(...(caseId ? [caseId] : [])) as DeadlineRow[]).map(toDeadline);
  }

  actions(caseId?: string): BookAction[] {
    const sql = `SELECT * FROM agreed_actions ${caseId ? 'WHERE case_id = ?' : ''} ORDER BY due_date, case_id, action_id`;
    return (this.db().prepare(sql).all(...(caseId ? [caseId] : [])) as ActionRow[]).map(toAction);
  }

  suspensions(): BookSuspension[] {
    return (this.db().prepare('SELECT * FROM suspensions ORDER BY until, case_id').all() as SuspensionRow[]).map(toSuspension);
  }
}

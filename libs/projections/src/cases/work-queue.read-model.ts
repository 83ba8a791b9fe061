import type Database from 'better-sqlite3';
import { type WorkItemSpec } from './work-items.js';

/** Whose queues to read, already worked out from the caller's roles. */
export interface WorkQueueAudience {
  readonly organisationIds: readonly string[];
  readonly personIds: readonly string[];
  /** The secretariat and the chair read the CDG's queue. */
  readonly cdg: boolean;
}

export interface WorkQueueRow extends WorkItemSpec {
  readonly caseId: string;
  readonly summary: string;
  readonly state: string;
  /** Due before today: see OVERDUE_WORK_ITEM. */
  readonly overdue: boolean;
}

/**
 * What "overdue" means, everywhere: a work item (something still to be done on a case) whose due
 * date is before today, London time (a due date ends at 23:59 that day). The case list's
 * `overdue` filter and flag and the work queue's `overdue` use this one predicate, so a case is
 * overdue exactly when some queue holds an overdue item of it. `w` is a work_items row; `@today`
 * the London date.
 */
export const OVERDUE_WORK_ITEM = '(w.due_on IS NOT NULL AND w.due_on < @today)';

interface Row {
  case_id: string;
  audience: WorkItemSpec['audience'];
  audience_id: string;
  for_role: WorkItemSpec['forRole'];
  kind: WorkItemSpec['kind'];
  step: WorkItemSpec['step'];
  action: WorkItemSpec['action'];
  alternatives: string;
  title: string;
  due_on: string | null;
  owed_by: WorkItemSpec['owedBy'];
  organisation_id: string | null;
  deadline_id: string | null;
  action_id: string | null;
  missed: number;
  summary: string;
  state: string;
  overdue: number;
  mine: number;
}

const toRow = (r: Row): WorkQueueRow => ({
  caseId: r.case_id,
  summary: r.summary,
  state: r.state,
  audience: r.audience,
  audienceId: r.audience_id,
  forRole: r.for_role,
  kind: r.kind,
  step: r.step,
  action: r.action,
  alternatives: JSON.parse(r.alternatives) as WorkItemSpec['alternatives'],
  title: r.title,
  dueOn: r.due_on,
  owedBy: r.owed_by,
  organisationId: r.organisation_id,
  deadlineId: r.deadline_id,
  actionId: r.action_id,
  missed: r.missed === 1,
  overdue: r.overdue === 1,
});

/** One clock of one case: the deadline, the agreed action, or the step that has neither. */
const clockOf = (r: WorkQueueRow): string => `${r.caseId}|${r.deadlineId ?? (r.actionId !== null ? `action:${r.actionId}` : `step:${r.step}`)}`;

/**
 * What the CDG is told of a step someone else owes that is overdue: the secretariat manages the
 * deadlines (process.md, Roles), so it chases the step, or records it on the party's behalf.
 */
const chase = (r: WorkQueueRow, organisationId: string | null): WorkQueueRow => ({
  ...r,
  audience: 'cdg',
  audienceId: '',
  forRole: 'secretariat',
  kind: 'alert',
  action: null,
  alternatives: [],
  title: `Overdue: ${r.title}`,
  organisationId,
});

/**
 * The stored work items of every case, read per audience, soonest due first (undated last). The
 * CDG's queue also holds, once per clock, every overdue step another queue holds, unless the CDG
 * has an item on that clock already (a missed CDG deadline's alert): so the CDG's queue and the
 * list's `overdue=true` name the same cases, and no clock is listed twice.
 */
export class WorkQueueReadModel {
  constructor(private readonly db: () => Database.Database) {}

  items(audience: WorkQueueAudience, today: string): WorkQueueRow[] {
    const params: Record<string, unknown> = { today };
    const who: string[] = [];
    audience.organisationIds.forEach((id, i) => {
      params[`org${i}`] = id;
      who.push(`(w.audience = 'organisation' AND w.audience_id = @org${i})`);
    });
    audience.personIds.forEach((id, i) => {
      params[`person${i}`] = id;
      who.push(`(w.audience = 'person' AND w.audience_id = @person${i})`);
    });
    if (audience.cdg) who.push(`w.audience = 'cdg'`);
    if (who.length === 0) return [];
    const mine = `(${who.join(' OR ')})`;
    const rows = (
      this.db()
        .prepare(
          `SELECT w.*, c.summary, c.state, ${OVERDUE_WORK_ITEM} AS overdue, ${mine} AS mine
           FROM work_items w JOIN cases c ON c.case_id = w.case_id
           WHERE ${mine}${audience.cdg ? ` OR ${OVERDUE_WORK_ITEM}` : ''}
           ORDER BY w.due_on IS NULL, w.due_on, c.opened_at, w.case_id, w.item_no`,
        )
        .all(params) as Row[]
    ).map((r) => ({ row: toRow(r), mine: r.mine === 1 }));

    const held = new Set(rows.filter((r) => r.mine).map((r) => clockOf(r.row)));
    const owing = new Map<string, Set<string | null>>();
    for (const { row, mine: own } of rows) if (!own) owing.set(clockOf(row), (owing.get(clockOf(row)) ?? new Set()).add(row.organisationId));
    const chased = new Set<string>();
    const items: WorkQueueRow[] = [];
    for (const { row, mine: own } of rows) {
      if (own) {
        items.push(row);
        continue;
      }
      const clock = clockOf(row);
      if (held.has(clock) || chased.has(clock)) continue;
      chased.add(clock);
      // Several organisations owing one clock (the parties, several respondents) are one chase.
      const owers = [...(owing.get(clock) ?? [])];
      items.push(chase(row, owers.length === 1 ? (owers[0] ?? null) : null));
    }
    return items;
  }
}

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
}

interface Row {
  case_id: string;
  audience: WorkItemSpec['audience'];
  audience_id: string;
  for_role: WorkItemSpec['forRole'];
  kind: WorkItemSpec['kind'];
  step: string;
  action: string | null;
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
}

/** The stored work items of every case, read per audience, soonest due first (undated last). */
export class WorkQueueReadModel {
  constructor(private readonly db: () => Database.Database) {}

  items(audience: WorkQueueAudience): WorkQueueRow[] {
    const params: Record<string, unknown> = {};
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
    const rows = this.db()
      .prepare(
        `SELECT w.*, c.summary, c.state FROM work_items w JOIN cases c ON c.case_id = w.case_id
         WHERE ${who.join(' OR ')}
         ORDER BY w.due_on IS NULL, w.due_on, c.opened_at, w.case_id, w.item_no`,
      )
      .all(params) as Row[];
    return rows.map((r) => ({
      caseId: r.case_id,
      summary: r.summary,
      state: r.state,
      audience: r.audience,
      audienceId: r.audience_id,
      forRole: r.for_role,
      kind: r.kind,
      step: r.step,
      action: r.action,
      alternatives: JSON.parse(r.alternatives) as string[],
      title: r.title,
      dueOn: r.due_on,
      owedBy: r.owed_by,
      organisationId: r.organisation_id,
      deadlineId: r.deadline_id,
      actionId: r.action_id,
      missed: r.missed === 1,
    }));
  }
}

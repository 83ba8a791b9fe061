import { addCalendarDays, type DisputeCommand, type DisputeContext, type IsoDate } from '#domain';

export type EngineCommand = Extract<DisputeCommand, { name: 'resume' | 'record-missed-deadline' | 'record-missed-action' }>;

/** Something the deadline scheduler records on a case, from the first London day it would. */
export interface EngineDuty {
  readonly day: IsoDate;
  readonly command: EngineCommand;
  /** The key the scheduler sends it with, so a later run of the real scheduler recognises it as done. */
  readonly idempotencyKey: string;
}

/**
 * The deadline scheduler's three questions (DeadlineScheduler with the deadline book), asked of
 * one case as of `today`: suspensions whose last day is over, open deadlines due before today,
 * open actions whose check day has come, in the order the scheduler records them.
 */
export function engineDuties(caseId: string, c: DisputeContext, today: IsoDate): EngineDuty[] {
  const duties: EngineDuty[] = [];
  if (c.suspension !== null && c.suspension.until < today) {
    duties.push({ day: addCalendarDays(c.suspension.until, 1), command: { name: 'resume', payload: {} }, idempotencyKey: `resume:${caseId}:${c.suspension.until}` });
  }
  const overdue = c.deadlines.filter((d) => d.status === 'open' && d.dueOn < today).sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
  for (const d of overdue) {
    duties.push({ day: addCalendarDays(d.dueOn, 1), command: { name: 'record-missed-deadline', payload: { deadlineId: d.id } }, idempotencyKey: `missed:${d.id}` });
  }
  const toCheck = c.actions.filter((a) => a.status === 'open' && a.checkOn <= today).sort((a, b) => a.checkOn.localeCompare(b.checkOn) || a.actionId.localeCompare(b.actionId));
  for (const a of toCheck) {
    duties.push({
      day: a.checkOn,
      command: { name: 'record-missed-action', payload: { actionId: a.actionId } },
      idempotencyKey: `missed-action:${caseId}:${a.actionId}:${a.dueDate}`,
    });
  }
  return duties;
}

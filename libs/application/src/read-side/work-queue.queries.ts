import { Inject, Injectable } from '@nestjs/common';
import { WorkingDayCalendar } from '#domain';
import { type WorkQueueAudience, WorkQueueReadModel, type WorkQueueRow } from '#projections';
import { CLOCK, type Clock } from '../clock.js';
import { type Principal } from '../principal.js';
import { type WorkQueue, type WorkQueueItem } from './read-side.types.js';
import { ReadYourWrites } from './read-your-writes.js';

/** Reminders show from this many working days before a due date. */
export const REMINDER_WORKING_DAYS = 2;

/** Whose queues a person reads: their organisation's, their appointments', and the CDG's for the secretariat and chair. */
export function workAudienceOf(p: Principal): WorkQueueAudience {
  return {
    organisationIds: p.roles.includes('partner') && p.organisationId !== null ? [p.organisationId] : [],
    personIds: p.roles.includes('mediator') || p.roles.includes('panelist') ? [p.personId] : [],
    cdg: p.roles.includes('secretariat') || p.roles.includes('chair'),
  };
}

/** GET /work-queue: what the caller (or their organisation) must do next, soonest due first, overdue marked. */
@Injectable()
export class WorkQueueQueries {
  constructor(
    @Inject(WorkQueueReadModel) private readonly queue: WorkQueueReadModel,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WorkingDayCalendar) private readonly calendar: WorkingDayCalendar,
  ) {}

  async forPrincipal(principal: Principal, minPosition?: bigint): Promise<WorkQueue> {
    await this.readYourWrites.settle(principal, minPosition);
    const today = this.calendar.londonDate(this.clock.now().toISOString());
    return { items: this.queue.items(workAudienceOf(principal), today).map((row) => this.toItem(row, today)) };
  }

  private toItem(row: WorkQueueRow, today: string): WorkQueueItem {
    const { overdue } = row;
    const reminder = row.dueOn !== null && !overdue && this.calendar.workingDaysBetween(today, row.dueOn) <= REMINDER_WORKING_DAYS;
    return {
      caseId: row.caseId,
      summary: row.summary,
      state: row.state,
      kind: row.kind,
      step: row.step,
      action: row.action,
      alternatives: row.alternatives,
      title: row.title,
      dueOn: row.dueOn,
      owedBy: row.owedBy,
      ...(row.organisationId !== null ? { organisationId: row.organisationId } : {}),
      forRole: row.forRole,
      ...(row.deadlineId !== null ? { deadlineId: row.deadlineId } : {}),
      ...(row.actionId !== null ? { actionId: row.actionId } : {}),
      overdue,
      reminder,
      missed: row.missed,
    };
  }
}

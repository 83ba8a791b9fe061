import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CLOCK, type Clock, DirectoryNames, GetWorkQueue, type Principal, type WorkQueue, type WorkQueueItem } from '#application';
import { WorkingDayCalendar } from '#domain';
import { DirectoryReadModel } from '#projections';
import { weekdayDate, workingDaysWords } from '../platform/dates.js';

/** One line of the queue as the page shows it. */
export interface QueueLine {
  readonly caseHref: string;
  readonly summary: string;
  readonly title: string;
  readonly alert: boolean;
  readonly due: string | null;
  readonly daysText: string | null;
  readonly overdue: boolean;
  readonly soon: boolean;
  readonly owedBy: string | null;
  /** The form for the step, when there is one command that settles it. */
  readonly actionHref: string | null;
}

/** The work queue page: the same query as GET /work-queue, grouped into overdue, due soon and later. */
@Injectable()
export class WorkQueuePage {
  private readonly names: DirectoryNames;

  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WorkingDayCalendar) private readonly calendar: WorkingDayCalendar,
    @Inject(DirectoryReadModel) directory: DirectoryReadModel,
  ) {
    this.names = new DirectoryNames(directory);
  }

  async model(principal: Principal) {
    const queue: WorkQueue = await this.queries.execute(new GetWorkQueue(principal));
    const today = this.calendar.londonDate(this.clock.now().toISOString());
    const lines = queue.items.map((item) => this.line(item, today));
    return {
      today: weekdayDate(today),
      overdue: lines.filter((l) => l.overdue),
      soon: lines.filter((l) => !l.overdue && l.soon),
      later: lines.filter((l) => !l.overdue && !l.soon),
      total: lines.length,
      organisation: this.names.organisation(principal.organisationId),
    };
  }

  private line(item: WorkQueueItem, today: string): QueueLine {
    const caseHref = `/cases/${encodeURIComponent(item.caseId)}`;
    const words = item.dueOn === null ? null : workingDaysWords(item.dueOn, today, this.calendar);
    return {
      caseHref,
      summary: item.summary,
      title: item.title,
      alert: item.kind === 'alert',
      due: item.dueOn === null ? null : weekdayDate(item.dueOn),
      daysText: words?.text ?? null,
      overdue: item.overdue,
      soon: item.reminder,
      owedBy: item.organisationId === undefined ? null : this.names.organisation(item.organisationId),
      actionHref: item.action === null ? null : `${caseHref}/act/${item.action}${item.actionId ? `?actionId=${encodeURIComponent(item.actionId)}` : ''}`,
    };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler, type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetProjectionStatus, GetWorkQueue, ListDisputes, RebuildProjections } from '../messages.js';
import { DisputeListQueries } from './dispute-list.queries.js';
import { ProjectionAdmin } from './projection-admin.js';
import { WorkQueueQueries } from './work-queue.queries.js';

/* Thin bus handlers for the read side; the services below them hold the rules. */

@QueryHandler(ListDisputes)
export class ListDisputesHandler implements IQueryHandler<ListDisputes> {
  constructor(@Inject(DisputeListQueries) private readonly disputes: DisputeListQueries) {}
  execute(q: ListDisputes) {
    return this.disputes.list(q.principal, q.filters, q.cursor, q.limit, q.minPosition);
  }
}

@QueryHandler(GetWorkQueue)
export class GetWorkQueueHandler implements IQueryHandler<GetWorkQueue> {
  constructor(@Inject(WorkQueueQueries) private readonly queue: WorkQueueQueries) {}
  execute(q: GetWorkQueue) {
    return this.queue.forPrincipal(q.principal, q.minPosition);
  }
}

@CommandHandler(RebuildProjections)
export class RebuildProjectionsHandler implements ICommandHandler<RebuildProjections> {
  constructor(@Inject(ProjectionAdmin) private readonly admin: ProjectionAdmin) {}
  execute(c: RebuildProjections) {
    return this.admin.rebuild(c.principal, c.names);
  }
}

@QueryHandler(GetProjectionStatus)
export class GetProjectionStatusHandler implements IQueryHandler<GetProjectionStatus> {
  constructor(@Inject(ProjectionAdmin) private readonly admin: ProjectionAdmin) {}
  async execute() {
    return { projections: await this.admin.status() };
  }
}

export const READ_SIDE_HANDLERS = [ListDisputesHandler, GetWorkQueueHandler, RebuildProjectionsHandler, GetProjectionStatusHandler];

import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetWorkQueue, type Principal, type WorkQueue } from '#application';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { WorkQueueQueryDto } from '../disputes/dispute-queries.dto.js';
import { WorkQueueDto } from '../disputes/dispute-responses.js';

@ApiTags('disputes')
@Controller('work-queue')
export class WorkQueueController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'getWorkQueue',
    summary: 'What the caller (or their organisation, or the CDG) must do next, soonest due first, overdue marked',
    description:
      'From the deadline book and open actions: each step the caller\'s role or organisation owes on a case they may see, with the command that settles it (`action`), its due date, and whether it is overdue, due soon (`reminder`) or recorded missed. The chair also sees alerts for CDG deadlines missed. Reflects the caller\'s own earlier commands; `minPosition` waits for anyone\'s.',
  })
  @ApiOkResponse({ type: WorkQueueDto })
  get(@Query() query: WorkQueueQueryDto, @CurrentPrincipal() principal: Principal): Promise<WorkQueue> {
    return this.queries.execute(new GetWorkQueue(principal, query.minPosition));
  }
}

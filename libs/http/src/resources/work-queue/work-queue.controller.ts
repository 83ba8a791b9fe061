import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetWorkQueue, type Principal, type WorkQueue } from '#application';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { ApiProblemResponses } from '../../platform/openapi/problem-schema.js';
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
  })
  @ApiOkResponse({ type: WorkQueueDto })
  @ApiProblemResponses(400, 401)
  get(@Query() query: WorkQueueQueryDto, @CurrentPrincipal() principal: Principal): Promise<WorkQueue> {
    return this.queries.execute(new GetWorkQueue(principal, query.minPosition));
  }
}

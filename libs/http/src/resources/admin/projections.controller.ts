import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { GetProjectionStatus, type Principal, RebuildProjections } from '#application';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { Roles } from '../../platform/auth/roles.decorator.js';
import { ApiProblemResponses } from '../../platform/openapi/problem-schema.js';
import { EmptyBodyDto } from '../disputes/command-dtos.js';

/** Read model administration: rebuild one from the log (it is swapped in when complete). */
@ApiTags('admin')
@Controller('admin/projections')
@Roles('admin')
export class ProjectionsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'projectionStatus', summary: 'Each read model\'s checkpoint, the log head, the lag and failures (admin)' })
  @ApiOkResponse({ description: '{ projections: [{ name, checkpoint, head, lag, failures, lastFailure, haltedStreams, haltedStreamCount, rebuilding }] }' })
  @ApiProblemResponses(401, 403)
  status() {
    return this.queries.execute(new GetProjectionStatus());
  }

  @Post(':name/rebuild')
  @HttpCode(200)
  @ApiOperation({ operationId: 'rebuildProjection', summary: 'Rebuild a read model from position 0 and swap it in (admin)' })
  @ApiParam({ name: 'name', description: 'The read model, as GET /admin/projections names it.' })
  @ApiBody({ type: EmptyBodyDto, required: false })
  @ApiOkResponse({ description: '{ rebuilt: [{ name, position, events, failures, milliseconds }] }' })
  @ApiProblemResponses(400, 401, 403, 404)
  rebuild(@Param('name') name: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new RebuildProjections(principal, [name]));
  }
}

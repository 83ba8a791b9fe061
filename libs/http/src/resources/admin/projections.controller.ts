import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { GetProjectionStatus, type Principal, RebuildProjections } from '#application';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { Roles } from '../../platform/auth/roles.decorator.js';
import { EmptyBodyDto } from '../disputes/command-dtos.js';
import { ProjectionRebuildDto, ProjectionStatusListDto } from '../shared/responses.js';
import { BusController } from '../shared/bus-controller.js';

/** Read model administration: rebuild one from the log (it is swapped in when complete). */
@ApiTags('admin')
@Controller('admin/projections')
@Roles('admin')
export class ProjectionsController extends BusController {
  @Get()
  @ApiOperation({
    operationId: 'projectionStatus',
    summary: 'Each read model\'s checkpoint, the log head, the lag and failures (admin)',
    description: 'The read models (directory, cases) follow the event log; this shows how far each has got and the last event it could not apply.',
  })
  @ApiOkResponse({ type: ProjectionStatusListDto })
  status() {
    return this.queries.execute(new GetProjectionStatus());
  }

  @Post(':name/rebuild')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rebuildProjection',
    summary: 'Rebuild a read model from position 0 and swap it in (admin)',
    description: 'Reads the whole log into a fresh file and swaps it in when complete; reads go on from the old file meanwhile. An unknown name is a 404.',
  })
  @ApiParam({ name: 'name', description: 'The read model, as GET /admin/projections names it.', example: 'cases' })
  @ApiBody({ type: EmptyBodyDto, required: false })
  @ApiOkResponse({ type: ProjectionRebuildDto })
  rebuild(@Param('name') name: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new RebuildProjections(principal, [name]));
  }
}

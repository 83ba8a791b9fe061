import { Controller, Get, Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetMe, type MeView, type Principal } from '#application';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { ApiProblemResponses } from '../../platform/openapi/problem-schema.js';
import { MeDto } from '../people/people-responses.js';

@ApiTags('directory')
@Controller('me')
export class MeController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'getMe',
    summary: 'Who the bearer token stands for: id, name, roles, organisation, Compact lead councillor for',
    description: 'Anyone signed in. The bootstrap admin token answers `bootstrap: true` and has no person record.',
  })
  @ApiOkResponse({ type: MeDto })
  @ApiProblemResponses(401)
  me(@CurrentPrincipal() principal: Principal): Promise<MeView> {
    return this.queries.execute(new GetMe(principal));
  }
}

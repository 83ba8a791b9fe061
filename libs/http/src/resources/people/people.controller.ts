import { Body, Controller, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Principal, RegisterPerson, type RegisteredPerson } from '#application';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { Roles } from '../../platform/auth/roles.decorator.js';
import { CorrelationId } from '../../platform/correlation/correlation-id.decorator.js';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator.js';
import { ApiProblemResponses } from '../../platform/openapi/problem-schema.js';
import { IDEMPOTENCY_KEY_API_HEADER } from '../shared/api-headers.js';
import { RegisteredPersonDto } from '../shared/responses.js';
import { plain, writeOptions } from '../shared/write-options.js';
import { RegisterPersonDto } from './register-person.dto.js';

@ApiTags('directory')
@Controller('people')
export class PeopleController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    operationId: 'registerPerson',
    summary: 'Register a person with their roles (admin)',
    description:
      'Records PersonRegistered in the directory\'s log, with the organisation the person acts for (required for partners; kept with its dates for the conflict-of-interest rule). Answers the person\'s bearer token once: only its hash is kept, so store it now. A repeat with an Idempotency-Key whose person already exists is a 409 (the token cannot be shown twice).',
  })
  @ApiBody({ type: RegisterPersonDto })
  @ApiHeader(IDEMPOTENCY_KEY_API_HEADER)
  @ApiCreatedResponse({ type: RegisteredPersonDto, description: 'Registered.' })
  @ApiProblemResponses(409)
  async register(
    @Body() body: RegisterPersonDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<RegisteredPerson> {
    const result = await this.commands.execute(
      new RegisterPerson(principal, plain(body) as unknown as RegisterPersonDto, writeOptions({ idempotencyKey, correlationId })),
    );
    return { id: result.id, token: result.token, revision: result.revision, position: result.position };
  }
}

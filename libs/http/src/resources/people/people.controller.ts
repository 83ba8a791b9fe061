import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import {
  type CommandResult,
  DeactivatePerson,
  GetPerson,
  GrantRole,
  ListPeople,
  MovePerson,
  type PeopleFilters,
  type PeopleList,
  type PersonView,
  type Principal,
  RegisterPerson,
  type RegisteredPerson,
  RevokeRole,
  RotateToken,
} from '#application';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { Roles } from '../../platform/auth/roles.decorator.js';
import { setETag } from '../../platform/concurrency/etag.js';
import { ApiProblemResponses } from '../../platform/openapi/problem-schema.js';
import { EmptyBodyDto } from '../disputes/command-dtos.js';
import { IDEMPOTENCY_KEY_API_HEADER } from '../shared/api-headers.js';
import { RegisteredPersonDto } from '../shared/responses.js';
import { EXAMPLE_IDS } from '../shared/examples.js';
import { DIRECTORY_CREATE, DIRECTORY_WRITE, plain, WriteContext } from '../shared/write-context.js';
import { ListPeopleQueryDto } from './people-queries.dto.js';
import { PersonDto, PersonListDto } from './people-responses.js';
import { PersonCommand } from './person-command.decorator.js';
import { DeactivatePersonDto, MovePersonDto, RoleChangeDto } from './person-commands.dto.js';
import { RegisterPersonDto } from './register-person.dto.js';
import { BusController } from '../shared/bus-controller.js';

const PERSON_ID = { name: 'id', description: 'The person id, as POST /people answered it.', example: EXAMPLE_IDS.person };

/**
 * The people who run and take part in the process. Admin commands each append one event to the
 * person's stream (actor recorded) and answer `{ id, revision, position }`; If-Match pins the
 * person's revision (ETag of GET /people/{id}), Idempotency-Key makes a retry safe.
 */
@ApiTags('directory')
@Controller('people')
export class PeopleController extends BusController {
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
  async register(@Body() body: RegisterPersonDto, @WriteContext(DIRECTORY_CREATE) { principal, options }: WriteContext): Promise<RegisteredPerson> {
    const result = await this.commands.execute(new RegisterPerson(principal, plain(body), options));
    return { id: result.id, token: result.token, revision: result.revision, position: result.position };
  }

  @Get()
  @ApiOperation({
    operationId: 'listPeople',
    summary: 'The people the caller may see, by name (filters: role, organisationId, active)',
    description:
      'Admin, secretariat, chair and auditors see everyone. A partner sees the members of their own organisation and everyone appointed to a case ' +
      'their organisation is party to; a mediator or panelist sees the members of the parties to their cases and their fellow appointees; everyone ' +
      'sees themselves. Paginated like GET /disputes: `{ items, nextCursor }`. Unknown query parameters are refused.',
  })
  @ApiOkResponse({ type: PersonListDto })
  @ApiProblemResponses(400, 401)
  list(@Query() query: ListPeopleQueryDto, @CurrentPrincipal() principal: Principal): Promise<PeopleList> {
    const { cursor, limit, ...filters } = query;
    const defined = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as PeopleFilters;
    return this.queries.execute(new ListPeople(principal, defined, cursor ?? null, limit));
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getPerson',
    summary: 'One person, with their roles and membership history',
    description: 'A person the caller may not see (see GET /people) is a 404, like an unknown id.',
  })
  @ApiParam(PERSON_ID)
  @ApiOkResponse({ type: PersonDto, headers: { ETag: { description: '"<revision>": send it back as If-Match.', schema: { type: 'string' } } } })
  @ApiProblemResponses(401, 404)
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<PersonView> {
    const person = await this.queries.execute(new GetPerson(principal, id));
    setETag(reply, person.revision);
    return person;
  }

  @PersonCommand('grant-role', {
    operationId: 'grantRole',
    summary: 'Give a person a role',
    description: 'Event RoleGranted. 409 if they hold it already, are deactivated, or (for partner) belong to no organisation.',
    body: RoleChangeDto,
  })
  grantRole(@Param('id') id: string, @Body() body: RoleChangeDto, @WriteContext(DIRECTORY_WRITE) { principal, options }: WriteContext): Promise<CommandResult> {
    return this.commands.execute(new GrantRole(principal, id, body.role, options));
  }

  @PersonCommand('revoke-role', {
    operationId: 'revokeRole',
    summary: 'Take a role away from a person',
    description: 'Event RoleRevoked. 409 if they do not hold it or are deactivated.',
    body: RoleChangeDto,
  })
  revokeRole(@Param('id') id: string, @Body() body: RoleChangeDto, @WriteContext(DIRECTORY_WRITE) { principal, options }: WriteContext): Promise<CommandResult> {
    return this.commands.execute(new RevokeRole(principal, id, body.role, options));
  }

  @PersonCommand('move', {
    operationId: 'movePerson',
    summary: 'Move a person to another organisation, or to none',
    description:
      'Event MembershipChanged, effective now: the membership that ends keeps its dates, which the 12-month conflict-of-interest rule reads. ' +
      '409 when they already belong there, the organisation has left the Compact, a partner would belong to none, or they are deactivated.',
    body: MovePersonDto,
  })
  move(@Param('id') id: string, @Body() body: MovePersonDto, @WriteContext(DIRECTORY_WRITE) { principal, options }: WriteContext): Promise<CommandResult> {
    return this.commands.execute(new MovePerson(principal, id, body.organisationId, options));
  }

  @PersonCommand('deactivate', {
    operationId: 'deactivatePerson',
    summary: 'Deactivate a person',
    description: 'Event PersonDeactivated: their token is refused from this answer on and they cannot be appointed; their history stays. Final: 409 on a deactivated person.',
    body: DeactivatePersonDto,
  })
  deactivate(@Param('id') id: string, @Body() body: DeactivatePersonDto, @WriteContext(DIRECTORY_WRITE) { principal, options }: WriteContext): Promise<CommandResult> {
    return this.commands.execute(new DeactivatePerson(principal, id, body.reason, options));
  }

  @PersonCommand('rotate-token', {
    operationId: 'rotateToken',
    summary: 'Give a person a new token',
    description:
      'Event TokenIssued. The new token is in this answer only (only its hash is kept); the old one is refused from this answer on. A retry with the ' +
      'same Idempotency-Key replays the answer, with the token for 15 minutes (held in memory, never written to disk) and without it afterwards.',
    body: EmptyBodyDto,
    bodyRequired: false,
    response: RegisteredPersonDto,
  })
  async rotateToken(@Param('id') id: string, @Body() _body: EmptyBodyDto, @WriteContext(DIRECTORY_WRITE) { principal, options }: WriteContext): Promise<RegisteredPerson> {
    const result = await this.commands.execute(new RotateToken(principal, id, options));
    return { id: result.id, token: result.token, revision: result.revision, position: result.position };
  }
}

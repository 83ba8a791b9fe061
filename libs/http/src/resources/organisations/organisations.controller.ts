import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { type CommandResult, ListOrganisations, RecordOrganisationLeft, SignOrganisation } from '#application';
import { NotFoundError } from '#core';
import { Roles } from '../../platform/auth/roles.decorator.js';
import { ApiProblemResponses } from '../../platform/openapi/problem-schema.js';
import { IDEMPOTENCY_KEY_API_HEADER } from '../shared/api-headers.js';
import { EXAMPLE_IDS } from '../shared/examples.js';
import { CommandResultDto, OrganisationDto, OrganisationListDto } from '../shared/responses.js';
import { DIRECTORY_CREATE, plain, WriteContext } from '../shared/write-context.js';
import { LeaveCompactDto } from './leave-compact.dto.js';
import { SignOrganisationDto } from './sign-organisation.dto.js';
import { BusController } from '../shared/bus-controller.js';

@ApiTags('directory')
@Controller('organisations')
export class OrganisationsController extends BusController {
  @Post()
  @Roles('admin')
  @ApiOperation({
    operationId: 'signOrganisation',
    summary: 'Sign an organisation up to the Compact (admin)',
    description: 'Records OrganisationSigned in the directory\'s log. Answers the new organisation\'s id with Location.',
  })
  @ApiBody({ type: SignOrganisationDto })
  @ApiHeader(IDEMPOTENCY_KEY_API_HEADER)
  @ApiCreatedResponse({
    type: CommandResultDto,
    description: 'Signed; `Location` names the organisation.',
    headers: { Location: { description: '/organisations/{id}', schema: { type: 'string' } } },
  })
  async sign(
    @Body() body: SignOrganisationDto,
    @WriteContext(DIRECTORY_CREATE) { principal, options }: WriteContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    const result = await this.commands.execute(new SignOrganisation(principal, plain(body), options));
    reply.header('location', `/organisations/${encodeURIComponent(result.id)}`);
    return { id: result.id, revision: result.revision, position: result.position };
  }

  @Get()
  @ApiOperation({
    operationId: 'listOrganisations',
    summary: 'The signatories (anyone signed in)',
    description: 'Every organisation that has signed the Compact, by name, with the date it signed (and left, if it has). Anyone signed in may read it.',
  })
  @ApiOkResponse({ type: OrganisationListDto })
  async list(): Promise<{ items: OrganisationView[] }> {
    const { items } = await this.queries.execute(new ListOrganisations());
    // `id` beside `organisationId`: every other resource calls its id `id`.
    return { items: items.map((item) => ({ id: (item as { organisationId: string }).organisationId, ...(item as object) }) as OrganisationView) };
  }

  @Post(':id/leave')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'recordOrganisationLeft',
    summary: 'Record that an organisation has left the Compact (admin)',
    description:
      'Event OrganisationLeft. From then on nobody joins it and no dispute is raised by or against it; its open cases and its people\'s ' +
      'membership history stay. Leaving is once: 409 if it already left.',
  })
  @ApiParam({ name: 'id', description: 'The organisation id.', example: EXAMPLE_IDS.organisation })
  @ApiBody({ type: LeaveCompactDto })
  @ApiHeader(IDEMPOTENCY_KEY_API_HEADER)
  @ApiOkResponse({ type: CommandResultDto, description: 'Recorded: the organisation\'s new stream revision and the global position of the event.' })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async leave(@Param('id') id: string, @Body() body: LeaveCompactDto, @WriteContext(DIRECTORY_CREATE) { principal, options }: WriteContext): Promise<CommandResult> {
    const result = await this.commands.execute(new RecordOrganisationLeft(principal, id, body.reason, options));
    return { id: result.id, revision: result.revision, position: result.position };
  }

  /** Where POST's Location points. The directory is small and public to signed-in callers, so the list is read. */
  @Get(':id')
  @ApiOperation({ operationId: 'getOrganisation', summary: 'One signatory (anyone signed in)', description: 'Where POST /organisations\' Location points. An unknown id is a 404.' })
  @ApiParam({ name: 'id', description: 'The organisation id.', example: EXAMPLE_IDS.respondent })
  @ApiOkResponse({ type: OrganisationDto })
  async get(@Param('id') id: string): Promise<OrganisationView> {
    const found = (await this.list()).items.find((item) => item.id === id);
    if (!found) throw new NotFoundError(`No organisation ${id}.`, 'ORGANISATION.NOT_FOUND');
    return found;
  }
}

interface OrganisationView {
  readonly id: string;
  readonly organisationId: string;
  readonly [field: string]: unknown;
}

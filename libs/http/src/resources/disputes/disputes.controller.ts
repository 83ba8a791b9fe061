import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiForbiddenResponse, ApiHeaders, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import {
  type CommandResult,
  type DisputeCaseView,
  type DisputeList,
  GetDispute,
  GetDisputeHistory,
  GetDisputeReplay,
  ListDisputes,
  type Principal,
  RaiseDispute,
} from '#application';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { Roles } from '../../platform/auth/roles.decorator.js';
import { setETag } from '../../platform/concurrency/etag.js';
import { ApiProblemResponses, problemContent } from '../../platform/openapi/problem-schema.js';
import { IDEMPOTENCY_KEY_API_HEADER, ON_BEHALF_API_HEADERS } from '../shared/api-headers.js';
import { EXAMPLE_IDS } from '../shared/examples.js';
import { CommandResultDto } from '../shared/responses.js';
import { plain, WriteContext } from '../shared/write-context.js';
import { DisputeListDto, DisputeViewDto, HistoryDto, ReplayDto } from './dispute-responses.js';
import { HistoryQueryDto, ListDisputesQueryDto, ReplayQueryDto } from './dispute-queries.dto.js';
import { RaiseDisputeDto } from './raise-dispute.dto.js';
import { BusController } from '../shared/bus-controller.js';

const CASE_ID = { name: 'id', description: 'The case id, as POST /disputes answered it.', example: EXAMPLE_IDS.case };

/** Raising and reading cases. The commands on a case are in DisputeCommandsController. */
@ApiTags('disputes')
@Controller('disputes')
export class DisputesController extends BusController {
  @Post()
  @Roles('partner', 'secretariat')
  @ApiOperation({
    operationId: 'raiseDispute',
    summary: 'Raise a dispute (partner, for their organisation)',
    description:
      'The complainant is the caller\'s organisation; the respondents must be other signatories (an unknown one is a 400 naming it). The clause checks (3.2 notice, 3.4 consultation) run on `dates`. The secretariat may raise for a partner with X-On-Behalf-Of and X-On-Behalf-Reason. Answers the new case\'s id, its revision (0) and the position of its first event, with Location and ETag.',
  })
  @ApiBody({ type: RaiseDisputeDto })
  @ApiHeaders([IDEMPOTENCY_KEY_API_HEADER, ...ON_BEHALF_API_HEADERS])
  @ApiCreatedResponse({
    type: CommandResultDto,
    description: 'Raised.',
    headers: { Location: { description: '/disputes/{id}', schema: { type: 'string' } }, ETag: { description: '"<revision>"', schema: { type: 'string' } } },
  })
  @ApiProblemResponses(403)
  async raise(
    @Body() body: RaiseDisputeDto,
    @WriteContext({ ifMatch: false }) { principal, options }: WriteContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    const result = await this.commands.execute(new RaiseDispute(principal, plain(body), options));
    reply.header('location', `/disputes/${encodeURIComponent(result.id)}`);
    setETag(reply, result.revision);
    return { id: result.id, revision: result.revision, position: result.position };
  }

  @Get()
  @ApiOperation({
    operationId: 'listDisputes',
    summary: 'The cases the caller may see, newest opened first, from the case list projection',
    description:
      'From the case list read model: only the cases the caller may see (parties, appointees, secretariat, chair, auditors). Filters combine; unknown query parameters are refused (400). Pages of `limit` (default 25) follow `nextCursor`. Reflects the caller\'s own earlier commands; `minPosition` waits for anyone\'s.',
  })
  @ApiOkResponse({ type: DisputeListDto })
  list(@Query() query: ListDisputesQueryDto, @CurrentPrincipal() principal: Principal): Promise<DisputeList> {
    const { cursor, limit, minPosition, ...filters } = query;
    return this.queries.execute(new ListDisputes(principal, plainFilters(filters), cursor ?? null, limit, minPosition));
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getDispute',
    summary: 'The case as it is now, from its event stream (party, appointee, secretariat, chair, auditor)',
    description: '`allowed` lists the commands this caller may send now. A case the caller may not see is a 404.',
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: DisputeViewDto, headers: { ETag: { description: '"<revision>": send it back as If-Match.', schema: { type: 'string' } } } })
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<DisputeCaseView> {
    const view = await this.queries.execute(new GetDispute(principal, id));
    setETag(reply, view.revision);
    return view;
  }

  @Get(':id/history')
  @ApiOperation({
    operationId: 'getDisputeHistory',
    summary: 'Every event of the case in order; with asOf, the events up to then and the state it was in',
    description:
      'Read from the case\'s event stream: each event with its global position, stream revision, type, time, actor, data and metadata (with its audit seal: `hash`, `previousHash`), oldest first. With `asOf` (an instant with a time zone) only the events that occurred up to then, with `asOfPosition` only those up to that global position (with both, up to both), and `state`, the case as the machine had it then (without revision and position: it is not a current read; absent when the case did not exist yet). CDG-only notes are left out for callers who may not read them. Who may read the case may read its history; anyone else gets 404.',
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: HistoryDto })
  history(@Param('id') id: string, @Query() query: HistoryQueryDto, @CurrentPrincipal() principal: Principal) {
    // Normalised to UTC with milliseconds, so it compares with the recorded occurredAt as text.
    const asOf = query.asOf === undefined ? undefined : new Date(query.asOf).toISOString();
    return this.queries.execute(new GetDisputeHistory(principal, id, asOf, query.asOfPosition));
  }

  @Get(':id/replay')
  @ApiOperation({
    operationId: 'replayDispute',
    summary: 'The state after each event, from the machine that runs the live case (auditor, secretariat)',
    description:
      'Folds the stream event by event through the same machine (and the same upcasting of old event schemas) that runs the live case and answers, for each event, the state, stage and the case as it was right after it: its deadlines with their due dates and status, and `allowed`, the commands that could be sent then (by the part of the case named in `as`, else by the caller): an audit of how the case got where it is. A step a single write passed through (`closing`) shows where that write left the case. CDG-only notes are left out for callers who may not read them. For auditors and the secretariat (403 for other callers who may see the case, 404 for those who may not).',
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: ReplayDto })
  @ApiForbiddenResponse({ description: 'Only auditors and the secretariat replay a case.', content: problemContent })
  replay(@Param('id') id: string, @Query() query: ReplayQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetDisputeReplay(principal, id, query.as));
  }
}

/** The list filters without the members left undefined. */
function plainFilters(filters: Omit<ListDisputesQueryDto, 'cursor' | 'limit' | 'minPosition'>) {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
}

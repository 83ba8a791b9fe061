import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { type Principal } from '#application';
import { type CaseBundle, GetCaseBundle } from '#audit';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { AUDIT_EXTRA_MODELS, CaseBundleDto } from '../audit/audit-responses.js';
import { EXAMPLE_IDS } from '../shared/examples.js';

/** A case's bundle: its events and chain, a signed head, and the timeline, as the caller may read them. */
@ApiTags('disputes')
@ApiExtraModels(...AUDIT_EXTRA_MODELS)
@Controller('disputes')
export class BundleController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get(':id/bundle')
  @ApiOperation({
    operationId: 'getCaseBundle',
    summary: 'The case bundle: every event with its chain, the stream\'s head signed, and the timeline (party, appointee, secretariat, chair, auditor)',
    description:
      'One JSON document to keep or hand on: every event of the case as stored (with its seal), the chain checked, a checkpoint of the stream\'s head signed with the server\'s key, and the timeline: who did what, when, acting for whom, and the deadlines as they stood after each step. CDG-only notes are withheld from callers who may not read them (only their place and seal remain, so the chain still verifies). Check it offline with `npm run cli -- verify --file bundle.json`. Sent as an attachment. Who may read the case may have its bundle; anyone else gets 404.',
  })
  @ApiParam({ name: 'id', description: 'The case id.', example: EXAMPLE_IDS.case })
  @ApiOkResponse({
    type: CaseBundleDto,
    headers: { 'Content-Disposition': { description: 'attachment; filename="case-<id>.json"', schema: { type: 'string' } } },
  })
  async bundle(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<CaseBundle> {
    const bundle = await this.queries.execute(new GetCaseBundle(principal, id));
    reply.header('content-disposition', `attachment; filename="case-${id.replace(/[^\w.-]/g, '_')}.json"`);
    reply.header('cache-control', 'private, no-store');
    return bundle;
  }
}

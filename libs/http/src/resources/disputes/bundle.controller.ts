import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiHeader, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import Negotiator from 'negotiator';
import { type Principal } from '#application';
import { type CaseBundle, GetCaseBundle } from '#audit';
import { PAGE_SECURITY_HEADERS, renderCaseTimelinePage } from '#web';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { problemContent } from '../../platform/openapi/problem-schema.js';
import { ProblemException } from '../../platform/problem-details.js';
import { AUDIT_EXTRA_MODELS, CaseBundleDto } from '../audit/audit-responses.js';
import { EXAMPLE_IDS } from '../shared/examples.js';

const BUNDLE_MEDIA_TYPES = ['application/json', 'text/html'] as const;

/** JSON unless the Accept header prefers the printable timeline; null when it accepts neither. */
function bundleFormat(accept: string | undefined): (typeof BUNDLE_MEDIA_TYPES)[number] | null {
  if (accept === undefined || accept.trim() === '') return 'application/json';
  const chosen = new Negotiator({ headers: { accept } }).mediaType([...BUNDLE_MEDIA_TYPES]);
  return (BUNDLE_MEDIA_TYPES as readonly string[]).includes(chosen ?? '') ? (chosen as (typeof BUNDLE_MEDIA_TYPES)[number]) : null;
}

/** A case's bundle: its events and chain, a signed head, and the timeline, as the caller may read them. */
@ApiTags('disputes')
@ApiExtraModels(...AUDIT_EXTRA_MODELS, CaseBundleDto)
@Controller('disputes')
export class BundleController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get(':id/bundle')
  @ApiOperation({
    operationId: 'getCaseBundle',
    summary: 'The case bundle: every event with its chain, the stream\'s head signed, and the timeline (party, appointee, secretariat, chair, auditor)',
    description:
      'One JSON document to keep or hand on: every event of the case as stored (with its seal), the chain checked, a checkpoint of the stream\'s head signed with the server\'s key, and the timeline: who did what, when, acting for whom, and the deadlines as they stood after each step. CDG-only notes are withheld from callers who may not read them (only their place and seal remain, so the chain still verifies). Check it offline with `npm run cli -- verify --file bundle.json`. Sent as an attachment. With `Accept: text/html`, the same timeline as a printable page. Who may read the case may have its bundle; anyone else gets 404.',
  })
  @ApiParam({ name: 'id', description: 'The case id.', example: EXAMPLE_IDS.case })
  @ApiHeader({ name: 'Accept', required: false, description: 'application/json (default: the bundle) or text/html (its printable timeline).' })
  @ApiProduces(...BUNDLE_MEDIA_TYPES)
  @ApiResponse({
    status: 200,
    description: 'The bundle, or its timeline as a page.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CaseBundleDto) } },
      'text/html': { schema: { type: 'string', description: 'The printable timeline.' } },
    },
    headers: { 'Content-Disposition': { description: 'For the JSON: attachment; filename="case-<id>.json"', schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 406, description: 'The Accept header allows neither application/json nor text/html.', content: problemContent })
  async bundle(
    @Param('id') id: string,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseBundle | string> {
    const format = bundleFormat(accept);
    if (format === null) throw new ProblemException(406, { title: 'Not acceptable', detail: 'A case bundle is available as application/json or text/html.', code: 'BUNDLE.NOT_ACCEPTABLE' });
    const bundle = await this.queries.execute(new GetCaseBundle(principal, id));
    // Confidential: no shared cache keeps a copy.
    reply.header('cache-control', 'private, no-store');
    reply.header('vary', 'Accept, Authorization');
    if (format === 'text/html') {
      reply.header('content-type', 'text/html; charset=utf-8');
      for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) reply.header(name, value);
      return renderCaseTimelinePage(bundle);
    }
    reply.header('content-disposition', `attachment; filename="case-${id.replace(/[^\w.-]/g, '_')}.json"`);
    return bundle;
  }
}

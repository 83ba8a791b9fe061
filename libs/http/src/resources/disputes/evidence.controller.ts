import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import { type FastifyReply } from 'fastify';
import { GetEvidence, type Principal } from '#application';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { ApiProblemResponses } from '../../platform/openapi/problem-schema.js';
import { EXAMPLE_IDS } from '../shared/examples.js';

/** A media type we can send back as it was given: `type/subtype` and printable parameters, nothing that could break a header. */
const SENDABLE_MEDIA_TYPE = /^[A-Za-z0-9][\w.+-]*\/[A-Za-z0-9][\w.+-]*(\s*;[\x20-\x7e]*)?$/;
const FALLBACK_MEDIA_TYPE = 'application/octet-stream';

const mediaTypeOf = (contentType: string): string => (SENDABLE_MEDIA_TYPE.test(contentType) ? contentType : FALLBACK_MEDIA_TYPE);
/** The last path segment only: a filename is a name, never a place to save to. */
const fileNameOf = (filename: string): string => filename.split(/[/\\]/).filter((part) => part !== '').pop() ?? 'evidence';

/** How evidence is sent back, wherever it is downloaded from (the API, the case page): always as an attachment, never sniffed, never cached. */
export function evidenceHeaders(file: { readonly contentType: string; readonly filename: string }): Readonly<Record<string, string>> {
  return {
    'content-type': mediaTypeOf(file.contentType),
    'content-disposition': contentDisposition(fileNameOf(file.filename)),
    'x-content-type-options': 'nosniff',
    // Confidential: no shared cache keeps a copy.
    'cache-control': 'private, no-store',
  };
}

/** Reading evidence back: the bytes as uploaded, always as a download. */
@ApiTags('disputes')
@Controller('disputes')
export class EvidenceController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get(':id/evidence/:sha256')
  @ApiOperation({
    operationId: 'getEvidence',
    summary: 'Download one piece of evidence of a case, as uploaded (party, appointee, secretariat, chair, auditor)',
    description:
      'The bytes with their uploaded media type, as an attachment (`Content-Disposition` with the filename, RFC 6266 encoded) and ' +
      '`X-Content-Type-Options: nosniff`. A case the caller may not see, and a hash the case does not list, are both 404.',
  })
  @ApiParam({ name: 'id', description: 'The case id.', example: EXAMPLE_IDS.case })
  @ApiParam({ name: 'sha256', description: 'The evidence\'s SHA-256, as the case view lists it.', example: EXAMPLE_IDS.evidence })
  @ApiProduces('*/*')
  @ApiOkResponse({
    description: 'The file.',
    content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'Content-Type': { description: 'The media type given at upload (application/octet-stream if it cannot be sent as given).', schema: { type: 'string' } },
      'Content-Disposition': { description: 'attachment; filename="..."; filename*=UTF-8\'\'...', schema: { type: 'string' } },
      'X-Content-Type-Options': { description: 'nosniff', schema: { type: 'string' } },
    },
  })
  @ApiProblemResponses(401, 404)
  async download(
    @Param('id') id: string,
    @Param('sha256') sha256: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.queries.execute(new GetEvidence(principal, id, sha256));
    for (const [name, value] of Object.entries(evidenceHeaders(file))) reply.header(name, value);
    return file.content;
  }
}

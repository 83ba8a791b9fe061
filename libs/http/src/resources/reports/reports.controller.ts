import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import Negotiator from 'negotiator';
import { GetAnnualReport, type Principal } from '#application';
import { ValidationError } from '#core';
import { PAGE_SECURITY_HEADERS, REPORT_MEDIA_TYPES, type ReportFormat, renderReport } from '#web';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { Public } from '../../platform/auth/public.decorator.js';
import { ApiProblemResponses, problemContent } from '../../platform/openapi/problem-schema.js';
import { ProblemException } from '../../platform/problem-details.js';
import { AnnualReportQueryDto } from './annual-report-query.dto.js';
import { ANNUAL_REPORT_SCHEMA } from './annual-report-responses.js';

const YEAR = /^\d{4}$/;
const FORMATS = Object.entries(REPORT_MEDIA_TYPES) as [ReportFormat, string][];

/** The format the Accept header prefers (JSON when it says nothing); null when it accepts none of them. */
export function negotiateReportFormat(accept: string | undefined): ReportFormat | null {
  if (accept === undefined || accept.trim() === '') return 'json';
  const media = new Negotiator({ headers: { accept } }).mediaType(FORMATS.map(([, type]) => type));
  return FORMATS.find(([, type]) => type === media)?.[0] ?? null;
}

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get('annual/:year')
  @Public()
  @ApiOperation({
    operationId: 'getAnnualReport',
    summary: 'The Compact annual report for April `year` to March `year+1` (CDG edition: secretariat, chair, auditor; edition=public: anyone)',
    description:
      'By Accept: application/json (the figures, the year, the edition, the log position they reflect, the engine version), text/csv (one table per section) or text/html (a printable report with charts). ' +
      'Without asOf, from the live report read model once it has caught up with the log; with asOf, recomputed from the log as of that position. See docs/annual-report.md.',
  })
  @ApiParam({ name: 'year', description: 'The reporting year: 2025 is 1 April 2025 to 31 March 2026.', example: '2025', schema: { type: 'string', pattern: '^\\d{4}$', example: '2025' } })
  @ApiHeader({ name: 'Accept', required: false, description: 'application/json (default), text/csv or text/html.' })
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiResponse({
    status: 200,
    description: 'The report, in the format asked for.',
    content: {
      'application/json': { schema: ANNUAL_REPORT_SCHEMA },
      'text/csv': { schema: { type: 'string', description: 'One table per section with a header row; rows start with the table id.' } },
      'text/html': { schema: { type: 'string', description: 'The printable report.' } },
    },
  })
  @ApiResponse({ status: 406, description: 'The Accept header allows none of application/json, text/csv, text/html.', content: problemContent })
  @ApiProblemResponses(400, 401, 403)
  async annual(
    @Param('year') year: string,
    @Query() query: AnnualReportQueryDto,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: Principal | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!YEAR.test(year)) throw new ValidationError('The year must be four digits, e.g. 2025 for April 2025 to March 2026.', [{ field: 'year', message: 'must be a year like 2025' }]);
    const format = negotiateReportFormat(accept);
    if (format === null) {
      throw new ProblemException(406, {
        title: 'Not acceptable',
        detail: 'The annual report is available as application/json, text/csv or text/html.',
        code: 'REPORT.NOT_ACCEPTABLE',
      });
    }
    const report = await this.queries.execute(
      new GetAnnualReport(principal, { year: Number(year), edition: query.edition ?? 'cdg', ...(query.asOf === undefined ? {} : { asOf: query.asOf }) }),
    );
    const { body, contentType, filename } = renderReport(report, format);
    reply.header('content-type', contentType);
    reply.header('vary', 'Accept, Authorization');
    // The CDG edition names organisations: no shared cache may keep it.
    reply.header('cache-control', report.edition === 'public' ? 'public, max-age=300' : 'private, no-store');
    if (format === 'csv') reply.header('content-disposition', `attachment; filename="${filename}"`);
    if (format === 'html') for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) reply.header(name, value);
    return body;
  }
}

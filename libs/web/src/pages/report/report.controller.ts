import { Controller, Get, Inject, Param, Req, Res, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { CLOCK, type Clock, GetAnnualReport } from '#application';
import { NotFoundError } from '#core';
import { londonDateOf } from '#domain';
import { Public } from '#http';
import { EDITIONS, type AnnualReport } from '#reporting';
import { renderAnnualReportPage, renderReport } from '#web';
import { PageQuery, type PageQueryValues } from '../platform/page-query.js';
import { PageReply } from '../platform/page-reply.js';
import { CsrfGuard } from '../session/csrf.guard.js';
import { AnonymousPage } from '../session/page-access.decorators.js';
import { PageSessionGuard } from '../session/page-session.guard.js';

const YEAR = /^\d{4}$/;
const FORMATS = ['csv', 'json'] as const;
type Edition = (typeof EDITIONS)[number];
/** Years offered in the chooser, back from the current one. */
const YEARS_SHOWN = 6;

/**
 * `/annual-report`: choose a year and edition, read the report (the same page GET /reports/annual
 * renders as HTML, inside the signed-in layout), download it as CSV or JSON. The public edition is
 * for anyone; the CDG edition is the query's to allow (secretariat, chair, auditors).
 */
@Controller('annual-report')
@Public()
@ApiExcludeController()
@UseGuards(PageSessionGuard, CsrfGuard)
@AnonymousPage()
export class AnnualReportController {
  constructor(
    @Inject(PageReply) private readonly page: PageReply,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  choose(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const today = londonDateOf(this.clock.now().toISOString());
    const current = Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0);
    const years = Array.from({ length: YEARS_SHOWN }, (_, i) => current - i).map((y) => ({ value: String(y), text: `April ${y} to March ${y + 1}${y === current ? ' (so far)' : ''}`, selected: y === current - 1 }));
    this.page.render(request, reply, 'pages/annual-report-choose.njk', { pageTitle: 'Annual report', section: '/annual-report' }, { years, signedIn: request.principal !== null });
  }

  /** The chooser's answer, as a report's address. */
  @Get('go')
  go(@Res() reply: FastifyReply, @PageQuery() query: PageQueryValues): void {
    const year = typeof query['year'] === 'string' && YEAR.test(query['year']) ? query['year'] : null;
    const edition = EDITIONS.find((e) => e === query['edition']) ?? 'public';
    this.page.redirect(reply, year === null ? '/annual-report' : `/annual-report/${year}?edition=${edition}`);
  }

  @Get(':year')
  async read(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('year') year: string, @PageQuery() query: PageQueryValues): Promise<void> {
    const { report, edition } = await this.report(request, year, query);
    const base = `/annual-report/${report.year}`;
    const frame = this.page.frameOf(request, { pageTitle: `Annual report ${report.period.label}`, section: '/annual-report' });
    const html = renderAnnualReportPage(report, { basePath: base, frame, downloads: { csv: `${base}/download?edition=${edition}&format=csv`, json: `${base}/download?edition=${edition}&format=json` } });
    this.page.send(reply, html);
  }

  @Get(':year/download')
  async download(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('year') year: string, @PageQuery() query: PageQueryValues): Promise<void> {
    const format = FORMATS.find((f) => f === query['format']);
    if (format === undefined) throw new NotFoundError('The report downloads as CSV or JSON: format=csv or format=json.', 'PAGE.NOT_FOUND');
    const { report } = await this.report(request, year, query);
    const { body, contentType, filename } = renderReport(report, format);
    void reply
      .headers({ 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': report.edition === 'public' ? 'public, max-age=300' : 'private, no-store' })
      .send(body);
  }

  private async report(request: FastifyRequest, year: string, query: Record<string, unknown>): Promise<{ report: AnnualReport; edition: Edition }> {
    if (!YEAR.test(year)) throw new NotFoundError('A report is named by its year, like 2025 for April 2025 to March 2026.', 'PAGE.NOT_FOUND');
    const edition: Edition = EDITIONS.find((e) => e === query['edition']) ?? 'public';
    const report: AnnualReport = await this.queries.execute(new GetAnnualReport(request.principal ?? null, { year: Number(year), edition }));
    return { report, edition };
  }
}

import { Controller, Get, Inject, Param, Req, Res, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type DisputeList, GetEvidence, type Principal } from '#application';
import { ValidationError } from '#core';
import { evidenceHeaders, Public } from '#http';
import { PageQuery, type PageQueryValues } from '../platform/page-query.js';
import { formErrorsOf } from '../platform/form-errors.js';
import { PageReply } from '../platform/page-reply.js';
import { CsrfGuard } from '../session/csrf.guard.js';
import { PageSessionGuard } from '../session/page-session.guard.js';
import { CaseListPage } from './case-list-page.js';
import { CasePage } from './case-page.js';

const FILTER_LABELS = { state: 'State', stage: 'Stage', organisationId: 'Organisation', clause: 'Clause', overdue: 'Overdue', openedFrom: 'Opened from', openedTo: 'Opened to', cursor: 'Page' };

/** The case list with its filters, one case's page, and its evidence to download. */
@Controller('cases')
@Public()
@ApiExcludeController()
@UseGuards(PageSessionGuard, CsrfGuard)
export class CasesController {
  constructor(
    @Inject(PageReply) private readonly page: PageReply,
    @Inject(CaseListPage) private readonly caseList: CaseListPage,
    @Inject(CasePage) private readonly casePage: CasePage,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @PageQuery() query: PageQueryValues): Promise<void> {
    const principal = request.principal as Principal;
    let list: DisputeList | null = null;
    let errorSummary: readonly { text: string; href: string }[] = [];
    let status = 200;
    try {
      list = await this.caseList.list(principal, query);
    } catch (error) {
      // A filter the query refuses is shown on the form, as the API would refuse it.
      if (!(error instanceof ValidationError)) throw error;
      errorSummary = formErrorsOf(error.errors, FILTER_LABELS, 'state').summary;
      status = 400;
    }
    this.page.render(request, reply, 'pages/case-list.njk', { pageTitle: 'Cases', section: '/cases' }, { ...(await this.caseList.model(principal, query, list)), errorSummary }, status);
  }

  @Get(':id')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const model = await this.casePage.model(request.principal as Principal, id);
    this.page.render(request, reply, 'pages/case.njk', { pageTitle: model.view.summary, section: '/cases' }, model);
  }

  @Get(':id/evidence/:sha256')
  async evidence(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Param('sha256') sha256: string): Promise<void> {
    const file = await this.queries.execute(new GetEvidence(request.principal as Principal, id, sha256));
    void reply.headers(evidenceHeaders(file)).send(file.content);
  }
}

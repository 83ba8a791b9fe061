import { Controller, Get, Inject, Req, Res, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type Principal } from '#application';
import { CheckProjections, type LogVerification, type ProjectionCheck, VerifyLog } from '#audit';
import { Public } from '#http';
import { londonDateTime } from '../platform/dates.js';
import { PageQuery, type PageQueryValues } from '../platform/page-query.js';
import { PageReply } from '../platform/page-reply.js';
import { CsrfGuard } from '../session/csrf.guard.js';
import { PageSessionGuard } from '../session/page-session.guard.js';

/** A failure's kind in an auditor's words. */
const FAILURE_WORDS: Readonly<Record<string, string>> = {
  changed: 'Changed after it was written',
  removed: 'Removed',
  reordered: 'Out of its place',
  inserted: 'Inserted',
};

const CASE_ID = /^[0-9a-f-]{36}$/i;

/**
 * The auditors' integrity checks as pages, over the same queries as GET /audit/verify and GET
 * /audit/projections (which refuse anyone but an auditor): verify the hash chain of the whole log
 * or of one case, with each failure named; rebuild the read models beside the live ones and show
 * what differs. Both only read, so they are links, not forms.
 */
@Controller('integrity')
@Public()
@ApiExcludeController()
@UseGuards(PageSessionGuard, CsrfGuard)
export class IntegrityController {
  constructor(
    @Inject(PageReply) private readonly page: PageReply,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.page.render(request, reply, 'pages/integrity.njk', { pageTitle: 'Log integrity', section: '/integrity' });
  }

  @Get('verify')
  async verify(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @PageQuery() query: PageQueryValues): Promise<void> {
    const caseId = query['case']?.trim() || undefined;
    if (caseId !== undefined && !CASE_ID.test(caseId)) {
      const errorSummary = [{ text: 'Enter a case id like 0d4c6a1e-5b7f-4c2a-9e8d-3f1a2b3c4d5e, or leave it empty to check the whole log', href: '#case' }];
      return this.page.render(request, reply, 'pages/integrity.njk', { pageTitle: 'Log integrity', section: '/integrity' }, { errorSummary, caseError: errorSummary[0]?.text, caseValue: caseId.slice(0, 60) }, 400);
    }
    const result = (await this.queries.execute(new VerifyLog(request.principal as Principal, caseId))) as LogVerification;
    this.page.render(request, reply, 'pages/integrity-verify.njk', { pageTitle: result.ok ? 'The log verifies' : 'The log does not verify', section: '/integrity' }, {
      result,
      caseId: caseId ?? null,
      checkedAt: londonDateTime(result.checkedAt),
      head: String(result.head),
      sealedFrom: String(result.chain.sealedOnAppendFrom),
      upgrade: result.chain.sealedByUpgrade ? { through: String(result.chain.sealedByUpgrade.throughPosition), events: result.chain.sealedByUpgrade.events, at: londonDateTime(result.chain.sealedByUpgrade.at) } : null,
      failures: result.failures.map((f) => ({
        kind: FAILURE_WORDS[f.kind] ?? f.kind,
        where: `${f.streamId ?? 'unknown stream'}${f.revision === null ? '' : `, revision ${String(f.revision)}`}${f.position === null ? '' : `, position ${String(f.position)}`}`,
        type: f.type ?? '',
        detail: f.detail,
        caseHref: f.caseId ? `/cases/${encodeURIComponent(f.caseId)}/history` : null,
      })),
    });
  }

  @Get('projections')
  async projections(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const result = (await this.queries.execute(new CheckProjections(request.principal as Principal))) as ProjectionCheck;
    const shown = (d: ProjectionCheck['others'][number]) => ({
      where: `${d.projection} · ${d.table}`,
      kind: d.kind === 'missing' ? 'Missing from the live read model' : d.kind === 'extra' ? 'In the live read model only' : 'Different',
      key: JSON.stringify(d.key),
      columns: d.columns.join(', '),
    });
    this.page.render(request, reply, 'pages/integrity-projections.njk', { pageTitle: result.ok ? 'The read models match the log' : 'The read models differ from the log', section: '/integrity' }, {
      result,
      projections: result.projections.map((p) => ({ ...p, checkpoint: String(p.checkpoint) })),
      cases: result.cases.map((c) => ({ href: `/cases/${encodeURIComponent(c.caseId)}/history`, caseId: c.caseId, differences: c.differences.map(shown) })),
      others: result.others.map(shown),
    });
  }
}

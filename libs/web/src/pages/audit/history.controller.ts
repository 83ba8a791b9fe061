import { Controller, Get, Inject, Param, Req, Res, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { GetDispute, GetDisputeHistory, GetDisputeReplay, type HistoryEntry, type Principal } from '#application';
import { type CaseBundle, GetCaseBundle } from '#audit';
import { type DeadlineStep } from '#domain';
import { Public } from '#http';
import { PAGE_SECURITY_HEADERS, renderCaseTimelinePage } from '#web';
import { PageQuery, type PageQueryValues } from '../platform/page-query.js';
import { EVENT_TITLES, STATE_WORDS, STEP_LABELS } from '../cases/case-words.js';
import { londonDateTime, weekdayDate } from '../platform/dates.js';
import { PageReply } from '../platform/page-reply.js';
import { CsrfGuard } from '../session/csrf.guard.js';
import { PageSessionGuard } from '../session/page-session.guard.js';

interface ReplayStep {
  readonly event: HistoryEntry;
  readonly state: string;
  readonly stage: number | null;
  readonly view: { readonly deadlines: readonly { step: string; dueOn: string; status: string }[]; readonly allowed: readonly string[]; readonly outcome?: string };
}

const actorText = (actor: unknown): string => {
  const a = actor as { name?: string | null; personId: string; role: string; organisationName?: string | null };
  return a.role === 'system' ? 'The engine' : `${a.name ?? a.personId} (${a.role}${a.organisationName && !(a.name ?? '').includes(a.organisationName) ? `, ${a.organisationName}` : ''})`;
};
const titleOf = (type: string): string => EVENT_TITLES[type as keyof typeof EVENT_TITLES] ?? type;

/**
 * A case's full history, event by event with everything each event recorded (what GET
 * /disputes/{id}/history answers this person), and the step-through replay: the state after each
 * event from the machine that runs the live case (GET /disputes/{id}/replay, for auditors and the
 * secretariat; the query refuses anyone else); the case bundle to download and its printable
 * timeline (GET /disputes/{id}/bundle, for whoever may read the case).
 */
@Controller('cases')
@Public()
@ApiExcludeController()
@UseGuards(PageSessionGuard, CsrfGuard)
export class HistoryController {
  constructor(
    @Inject(PageReply) private readonly page: PageReply,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Get(':id/history')
  async history(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const principal = request.principal as Principal;
    const [view, history] = await Promise.all([
      this.queries.execute(new GetDispute(principal, id)) as Promise<{ id: string; summary: string }>,
      this.queries.execute(new GetDisputeHistory(principal, id)) as Promise<{ events: HistoryEntry[] }>,
    ]);
    const events = history.events.map((e, i) => ({
      number: i + 1,
      title: titleOf(e.type),
      type: e.type,
      position: String(e.position),
      revision: String(e.revision),
      when: londonDateTime(e.occurredAt),
      at: e.occurredAt,
      by: actorText(e.actor),
      data: JSON.stringify(e.data, null, 2),
      replayHref: `/cases/${encodeURIComponent(id)}/replay?step=${i + 1}`,
    }));
    const caseHref = `/cases/${encodeURIComponent(id)}`;
    this.page.render(request, reply, 'pages/history.njk', { pageTitle: `History: ${view.summary}`, section: '/cases' }, { view, events, caseHref, bundleHref: `${caseHref}/bundle`, timelineHref: `${caseHref}/timeline` });
  }

  /** The case bundle as GET /disputes/{id}/bundle gives it: JSON to keep, checked offline with `cli verify --file`. */
  @Get(':id/bundle')
  async bundle(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const bundle = await this.caseBundle(request, id);
    void reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="case-${id.replace(/[^\w.-]/g, '_')}.json"`)
      .send(JSON.stringify(bundle, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2));
  }

  /** The bundle's timeline as a page of its own, to print or save. */
  @Get(':id/timeline')
  async timeline(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const page = renderCaseTimelinePage(await this.caseBundle(request, id));
    void reply.headers({ 'content-type': 'text/html; charset=utf-8', ...PAGE_SECURITY_HEADERS }).send(page);
  }

  // Pages are sent with Cache-Control: no-store (configure-pages.ts), so no shared cache keeps a bundle.
  private caseBundle(request: FastifyRequest, id: string): Promise<CaseBundle> {
    return this.queries.execute(new GetCaseBundle(request.principal as Principal, id)) as Promise<CaseBundle>;
  }

  @Get(':id/replay')
  async replay(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @PageQuery() query: PageQueryValues): Promise<void> {
    const principal = request.principal as Principal;
    const replay = (await this.queries.execute(new GetDisputeReplay(principal, id))) as { steps: ReplayStep[] };
    const view = (await this.queries.execute(new GetDispute(principal, id))) as { summary: string };
    const count = replay.steps.length;
    const asked = Number(typeof query['step'] === 'string' ? query['step'] : count);
    const n = Number.isInteger(asked) ? Math.min(Math.max(asked, 1), count) : count;
    const step = replay.steps[n - 1]!;
    const base = `/cases/${encodeURIComponent(id)}/replay?step=`;
    this.page.render(request, reply, 'pages/replay.njk', { pageTitle: `Replay, step ${n} of ${count}: ${view.summary}`, section: '/cases' }, {
      summary: view.summary,
      caseHref: `/cases/${encodeURIComponent(id)}`,
      n,
      count,
      event: { title: titleOf(step.event.type), type: step.event.type, when: londonDateTime(step.event.occurredAt), by: actorText(step.event.actor), position: String(step.event.position), data: JSON.stringify(step.event.data, null, 2) },
      state: step.state,
      stateWords: STATE_WORDS[step.state] ?? step.state,
      stage: step.stage,
      deadlines: step.view.deadlines.map((d) => ({ step: STEP_LABELS[d.step as DeadlineStep] ?? d.step, due: weekdayDate(d.dueOn), status: d.status })),
      allowed: step.view.allowed,
      prevHref: n > 1 ? `${base}${n - 1}` : null,
      nextHref: n < count ? `${base}${n + 1}` : null,
      steps: replay.steps.map((s, i) => ({ n: i + 1, title: titleOf(s.event.type), href: `${base}${i + 1}`, current: i + 1 === n })),
    });
  }
}

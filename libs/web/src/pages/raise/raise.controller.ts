import { Controller, Get, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type CommandResult, DirectoryNames, type Principal, RaiseDispute, type RaiseDisputeBody } from '#application';
import { NotFoundError, ValidationError } from '#core';
import { compactClause } from '#domain';
import { BODY_LIMITS, BodyLimit, Public, RaiseDisputeDto } from '#http';
import { DirectoryReadModel } from '#projections';
import { PageQuery, type PageQueryValues } from '../platform/page-query.js';
import { bodyOf, type FormField } from '../forms/form-fields.js';
import { FormPage } from '../forms/form-page.js';
import { weekdayDate } from '../platform/dates.js';
import { type FormBody, listOf, textOf } from '../platform/form-body.js';
import { type FormErrors, formErrorsOf, NO_ERRORS } from '../platform/form-errors.js';
import { PageReply } from '../platform/page-reply.js';
import { CsrfGuard } from '../session/csrf.guard.js';
import { PageSessionGuard } from '../session/page-session.guard.js';
import { SessionStore } from '../session/session-store.js';
import { DATE_FIELDS, RAISE_STEPS, type RaiseStep, stepOfField, stepsFor } from './raise-journey.js';
import { proseValue } from '../platform/prose-value.js';

/** The journey's state in the session: the answers as typed, and the key that makes sending them idempotent. */
interface RaiseAnswers {
  readonly key: string;
  readonly answers: Readonly<Record<string, string | string[]>>;
}

const JOURNEY = 'raise';
const ALL_FIELDS: readonly FormField[] = RAISE_STEPS.flatMap((s) => s.fields);
/** Form fields that are not answers. */
const CONTROL_FIELDS = new Set(['_csrf', 'return']);

/**
 * `/raise`: raising a dispute step by step, then checking the answers. Thin: the steps are
 * raise-journey.ts, validation is RaiseDisputeDto's, the decision is the engine's (RaiseDispute,
 * as POST /disputes sends it).
 */
@Controller('raise')
@Public()
@ApiExcludeController()
@UseGuards(PageSessionGuard, CsrfGuard)
export class RaiseController {
  private readonly names: DirectoryNames;

  constructor(
    @Inject(PageReply) private readonly page: PageReply,
    @Inject(FormPage) private readonly forms: FormPage,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(DirectoryReadModel) directory: DirectoryReadModel,
  ) {
    this.names = new DirectoryNames(directory);
  }

  @Get()
  start(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.journey(request);
    this.page.redirect(reply, `/raise/${RAISE_STEPS[0]!.slug}`);
  }

  @Get('check')
  async check(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.showCheck(request, reply, NO_ERRORS, 200);
  }

  @Post('check')
  @BodyLimit(BODY_LIMITS.actionLists)
  async send(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const principal = request.principal as Principal;
    const journey = this.journey(request);
    let result: CommandResult;
    try {
      const body = (await this.forms.validated(RaiseDisputeDto, this.bodyOf(journey.answers))) as unknown as RaiseDisputeBody;
      result = await this.commands.execute(new RaiseDispute(principal, body, { idempotencyKey: journey.key }));
    } catch (error) {
      const { errors, status } = this.forms.errorsOf(error, ALL_FIELDS);
      return this.showCheck(request, reply, this.linkedToSteps(error, errors), status);
    }
    this.save(request, null);
    this.page.flash(request, 'Your dispute has been raised. The organisations it is with have been told what they must do next.');
    this.page.redirect(reply, `/cases/${encodeURIComponent(result.id)}`);
  }

  @Get(':step')
  async step(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('step') slug: string, @PageQuery() query: PageQueryValues): Promise<void> {
    const journey = this.journey(request);
    await this.showStep(request, reply, this.stepOf(slug), journey.answers as FormBody, NO_ERRORS, 200, query['return'] === 'check');
  }

  @Post(':step')
  @BodyLimit(BODY_LIMITS.actionLists)
  async answer(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('step') slug: string): Promise<void> {
    const step = this.stepOf(slug);
    const posted = (request.body ?? {}) as FormBody;
    const journey = this.journey(request);
    // This step's answers replace what it had; checkboxes left unticked are an answer too.
    const answers: Record<string, string | string[]> = { ...journey.answers };
    for (const field of step.fields) for (const key of Object.keys(answers)) if (key === field.name || key.startsWith(`${field.name}-`)) delete answers[key];
    for (const [key, value] of Object.entries(posted)) if (!CONTROL_FIELDS.has(key) && (typeof value === 'string' || Array.isArray(value))) answers[key] = value as string | string[];
    this.save(request, { ...journey, answers });
    const errors = await this.stepErrors(step, answers);
    if (errors.summary.length > 0) return this.showStep(request, reply, step, answers as FormBody, errors, 400, textOf(posted, 'return') === 'check');
    const steps = stepsFor(listOf(answers as FormBody, 'clauses'));
    const next = steps[steps.findIndex((s) => s.slug === step.slug) + 1];
    this.page.redirect(reply, textOf(posted, 'return') === 'check' || next === undefined ? '/raise/check' : `/raise/${next.slug}`);
  }

  private stepOf(slug: string): RaiseStep {
    const step = RAISE_STEPS.find((s) => s.slug === slug);
    if (!step) throw new NotFoundError(`There is no step called ${slug.slice(0, 60)}.`, 'PAGE.NOT_FOUND');
    return step;
  }

  /** What the DTO finds wrong with this step's own fields (the rest is asked later). */
  private async stepErrors(step: RaiseStep, answers: Record<string, string | string[]>): Promise<FormErrors> {
    try {
      await this.forms.validated(RaiseDisputeDto, this.bodyOf(answers));
      return NO_ERRORS;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const own = error.errors.filter((e) => stepOfField(e.field)?.slug === step.slug).map((e) => ({ ...e, field: e.field.replace(/^dates\./, '') }));
      return own.length === 0 ? NO_ERRORS : this.forms.errorsOf(new ValidationError(error.message, own), step.fields).errors;
    }
  }

  /** On the check page, each problem links to the step that asks for it. */
  private linkedToSteps(error: unknown, errors: FormErrors): FormErrors {
    if (!(error instanceof ValidationError) || error.errors.length === 0) return errors;
    const plain = error.errors.map((e) => ({ field: e.field, message: e.message.replace(' as YYYY-MM-DD', '') }));
    const labels = Object.fromEntries(ALL_FIELDS.flatMap((f) => [[f.name, f.label], [`dates.${f.name}`, f.label]]));
    const summary = formErrorsOf(plain, labels, 'submit').summary.map((item, i) => {
      const step = stepOfField(plain[i]?.field ?? '');
      return step ? { ...item, href: `/raise/${step.slug}?return=check` } : item;
    });
    return { summary, byField: {} };
  }

  /** POST /disputes's body from the answers: the dates nested, the 3.2 and 3.4 dates only when those clauses are cited. */
  private bodyOf(answers: Readonly<Record<string, string | string[]>>): Record<string, unknown> {
    const clauses = listOf(answers as FormBody, 'clauses');
    const asked = new Set(stepsFor(clauses).flatMap((s) => s.fields.map((f) => f.name)));
    const flat = bodyOf(
      ALL_FIELDS.filter((f) => asked.has(f.name)),
      answers as FormBody,
    );
    const dates: Record<string, unknown> = {};
    const body: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(flat)) {
      if ((DATE_FIELDS as readonly string[]).includes(name)) dates[name] = value;
      else body[name] = value;
    }
    return { ...body, ...(Object.keys(dates).length > 0 && { dates }) };
  }

  private journey(request: FastifyRequest): RaiseAnswers {
    const saved = request.pageSession?.data.journeys?.[JOURNEY] as RaiseAnswers | undefined;
    if (saved && typeof saved.key === 'string') return saved;
    const fresh = { key: this.forms.idempotencyKey(), answers: {} };
    this.save(request, fresh);
    return fresh;
  }

  private save(request: FastifyRequest, journey: RaiseAnswers | null): void {
    const session = request.pageSession;
    if (!session) return;
    const { [JOURNEY]: _old, ...others } = session.data.journeys ?? {};
    request.pageSession = this.sessions.saveData(session, { ...session.data, journeys: journey ? { ...others, [JOURNEY]: journey } : others });
  }

  private async showStep(request: FastifyRequest, reply: FastifyReply, step: RaiseStep, answers: FormBody, errors: FormErrors, status: number, returnToCheck: boolean): Promise<void> {
    // One question on the page: its legend is the page's heading, the step's words its hint.
    const single = step.fields.length === 1;
    const asked = single ? step.fields.map((f) => ({ ...f, pageHeading: true, ...(step.intro && { hint: step.intro }) })) : step.fields;
    const fields = await this.forms.draw(asked, { principal: request.principal as Principal }, answers, errors);
    const steps = stepsFor(listOf(answers, 'clauses'));
    const index = steps.findIndex((s) => s.slug === step.slug);
    const back = returnToCheck ? '/raise/check' : index > 0 ? `/raise/${steps[index - 1]!.slug}` : '/';
    this.page.render(
      request,
      reply,
      'pages/raise-step.njk',
      { pageTitle: `${step.title} – Raise a dispute`, section: '/raise' },
      { step, fields, back, returnToCheck, errorSummary: errors.summary, progress: index >= 0 ? `Step ${index + 1} of ${steps.length + 1}` : null, singleQuestion: single },
      status,
    );
  }

  private async showCheck(request: FastifyRequest, reply: FastifyReply, errors: FormErrors, status: number): Promise<void> {
    const { answers } = this.journey(request);
    const body = this.bodyOf(answers) as { respondentIds?: string[]; clauses?: string[]; summary?: string; details?: string; desiredOutcome?: string; urgent?: boolean; dates?: Record<string, unknown> };
    const dates = body.dates ?? {};
    const change = (slug: string) => ({ items: [{ href: `/raise/${slug}?return=check`, text: 'Change', visuallyHiddenText: slug }] });
    const row = (key: string, text: string, slug: string, prose = false) => ({ key: { text: key }, value: prose && text ? proseValue(text) : { text: text || 'Not given' }, actions: change(slug) });
    const day = (value: unknown) => (typeof value === 'string' ? weekdayDate(value) : '');
    const steps = stepsFor(body.clauses ?? []).map((s) => s.slug);
    const rows = [
      row('Who it is with', (body.respondentIds ?? []).map((id) => this.names.organisation(id) ?? id).join(', '), 'respondents'),
      row('Compact undertakings', (body.clauses ?? []).map((c) => `${c} ${compactClause(c)?.description ?? ''}`).join('\n'), 'clauses', true),
      row('Summary', body.summary ?? '', 'about'),
      row('What happened', body.details ?? '', 'about', true),
      row('What you want to happen', body.desiredOutcome ?? '', 'about', true),
      row('Urgent track', body.urgent === true ? 'Yes' : body.urgent === false ? 'No' : '', 'urgency'),
      row('Change takes effect', day(dates['changeEffective']), 'urgency'),
      ...(steps.includes('notice')
        ? [
            row('Notice received', day(dates['noticeReceived']), 'notice'),
            row('Shorter notice agreed in writing', dates['shorterNoticeAgreed'] === true ? 'Yes' : dates['shorterNoticeAgreed'] === false ? 'No' : '', 'notice'),
          ]
        : []),
      ...(steps.includes('consultation')
        ? [
            row('Consultation materials received', day(dates['consultationOpened']), 'consultation'),
            row('Consultation closed', day(dates['consultationClosed']), 'consultation'),
            row('Reason for a shorter consultation', String(dates['shorterConsultationReason'] ?? ''), 'consultation'),
          ]
        : []),
    ];
    this.page.render(request, reply, 'pages/raise-check.njk', { pageTitle: 'Check your answers – Raise a dispute', section: '/raise' }, { rows, errorSummary: errors.summary, back: `/raise/${steps[steps.length - 1] ?? 'respondents'}` }, status);
  }
}

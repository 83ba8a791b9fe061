import { Controller, Get, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type CaseCommandRequest, DirectoryNames, type DisputeCaseView, type Principal, RunDisputeCommand, type WriteOptions } from '#application';
import { NotAllowedInStateError, NotFoundError, ValidationError } from '#core';
import { MAX_EVIDENCE_BYTES } from '#domain';
import { BODY_LIMITS, BodyLimit, Public } from '#http';
import { DirectoryReadModel } from '#projections';
import { PageQuery, type PageQueryValues } from '../platform/page-query.js';
import { COMMAND_LABELS, type PageCommandName } from '../cases/case-words.js';
import { CasePage } from '../cases/case-page.js';
import { weekdayDate } from '../platform/dates.js';
import { type FormBody, textOf } from '../platform/form-body.js';
import { type FormErrors, NO_ERRORS } from '../platform/form-errors.js';
import { PageReply } from '../platform/page-reply.js';
import { assertCsrf, CSRF_FIELD, CsrfGuard } from '../session/csrf.guard.js';
import { CsrfInMultipart } from '../session/page-access.decorators.js';
import { PageSessionGuard } from '../session/page-session.guard.js';
import { COMMAND_FORMS, type CommandForm } from './command-forms.js';
import { bodyOf } from './form-fields.js';
import { type ChoiceContext, FormPage } from './form-page.js';

const REVISION = /^\d{1,19}$/;
const isPageCommand = (name: string): name is PageCommandName => Object.hasOwn(COMMAND_FORMS, name);

/**
 * `/cases/{id}/act/{command}`: the form for one command the case page offered, and sending it.
 * The form is offered only when the command is in the case's `allowed` list for this person (the
 * API's own list); its answers are validated by the API's DTO and the command goes on the same bus
 * as POST /disputes/{id}/{command}, pinned to the revision the form was drawn at.
 */
@Controller('cases')
@Public()
@ApiExcludeController()
@UseGuards(PageSessionGuard, CsrfGuard)
export class CommandFormController {
  private readonly names: DirectoryNames;

  constructor(
    @Inject(PageReply) private readonly page: PageReply,
    @Inject(CasePage) private readonly casePage: CasePage,
    @Inject(FormPage) private readonly forms: FormPage,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(DirectoryReadModel) directory: DirectoryReadModel,
  ) {
    this.names = new DirectoryNames(directory);
  }

  @Get(':id/act/:command')
  async form(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Param('command') command: string, @PageQuery() query: PageQueryValues): Promise<void> {
    const { view, form, name } = await this.offered(request.principal as Principal, id, command);
    const preset = typeof query['actionId'] === 'string' ? ({ actionId: query['actionId'] } as FormBody) : undefined;
    await this.show(request, reply, view, name, form, preset, NO_ERRORS, 200, this.forms.idempotencyKey());
  }

  @Post(':id/act/add-evidence')
  @CsrfInMultipart()
  async upload(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const principal = request.principal as Principal;
    if (!request.isMultipart()) throw new ValidationError('The file must be sent from the upload form.', [], 'PAGE.NOT_MULTIPART');
    const fields: Record<string, string> = {};
    let file: { filename: string; contentType: string; content: Buffer } | null = null;
    let tooLarge = false;
    // The CSRF token comes first in the form, so nothing is read into memory for a forged post.
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      assertCsrf(request, fields[CSRF_FIELD] ?? '');
      try {
        const content = await part.toBuffer();
        if (part.filename !== '' || content.length > 0) file = { filename: part.filename, contentType: part.mimetype, content };
      } catch (error) {
        if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
        tooLarge = true;
      }
    }
    if (file === null && !tooLarge) assertCsrf(request, fields[CSRF_FIELD] ?? '');
    const { view, form, name } = await this.offered(principal, id, 'add-evidence', false);
    const key = fields['_key'] ?? this.forms.idempotencyKey();
    if (tooLarge || file === null) {
      const message = tooLarge ? `The file must be ${MAX_EVIDENCE_BYTES / 1_000_000} MB or smaller` : 'Choose a file to upload';
      return this.show(request, reply, view, name, form, undefined, { summary: [{ text: message, href: '#file' }], byField: { file: message } }, tooLarge ? 413 : 400, key);
    }
    const payload = { filename: file.filename || 'evidence', contentType: file.contentType || 'application/octet-stream', contentBase64: file.content.toString('base64') };
    await this.send(request, reply, view, name, form, payload, this.writeOptions(fields, key), undefined);
  }

  @Post(':id/act/:command')
  @BodyLimit(BODY_LIMITS.actionLists)
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Param('command') command: string): Promise<void> {
    const principal = request.principal as Principal;
    const body = (request.body ?? {}) as FormBody;
    const { view, form, name } = await this.offered(principal, id, command, false);
    const key = textOf(body, '_key') || this.forms.idempotencyKey();
    // "Add another" redraws the form with one more row; nothing is sent.
    const addRow = textOf(body, '_addRow');
    if (addRow !== '') return this.show(request, reply, view, name, form, body, NO_ERRORS, 200, key, { [addRow]: 1 });
    const options = this.writeOptions(body as Record<string, unknown>, key);
    let payload: Record<string, unknown>;
    try {
      payload = await this.forms.validated(form.dto, bodyOf(form.fields, body));
    } catch (error) {
      const { errors, status } = this.forms.errorsOf(error, form.fields);
      return this.show(request, reply, view, name, form, body, errors, status, key);
    }
    await this.send(request, reply, view, name, form, payload, options, body);
  }

  private writeOptions(fields: Record<string, unknown>, idempotencyKey: string): WriteOptions {
    const revision = typeof fields['revision'] === 'string' && REVISION.test(fields['revision']) ? BigInt(fields['revision']) : undefined;
    return { idempotencyKey, ...(revision !== undefined && { expectedRevision: revision }) };
  }

  private async send(request: FastifyRequest, reply: FastifyReply, view: DisputeCaseView, name: PageCommandName, form: CommandForm, payload: Record<string, unknown>, options: WriteOptions, body: FormBody | undefined) {
    try {
      // The payload passed the DTO that the API's route for this command validates with (command-forms.ts), and the engine decides on it.
      const command = { name, payload } as CaseCommandRequest;
      await this.commands.execute(new RunDisputeCommand(request.principal as Principal, view.id, command, options));
    } catch (error) {
      const { errors, status } = this.forms.errorsOf(error, form.fields);
      // The case may have moved on: draw the form again at its current revision.
      const current = await this.casePage.view(request.principal as Principal, view.id);
      return this.show(request, reply, current, name, form, body, errors, status, options.idempotencyKey ?? this.forms.idempotencyKey());
    }
    this.page.flash(request, `${form.title}: done.`);
    this.page.redirect(reply, `/cases/${encodeURIComponent(view.id)}`);
  }

  /** The case and the command's form, when this person may send it now; else the page says why. */
  private async offered(principal: Principal, id: string, command: string, mustBeAllowed = true): Promise<{ view: DisputeCaseView; form: CommandForm; name: PageCommandName }> {
    if (!isPageCommand(command)) throw new NotFoundError(`There is no form called ${command.slice(0, 60)}.`, 'PAGE.NOT_FOUND');
    const view = await this.casePage.view(principal, id);
    // Only what the case offers this person now; a form already sent is judged by the engine itself.
    if (mustBeAllowed && !view.allowed.includes(command)) {
      const can = view.allowed.map((c) => COMMAND_LABELS[c as PageCommandName] ?? c).join(', ');
      throw new NotAllowedInStateError(`“${COMMAND_LABELS[command]}” is not something you can do on this case now.${can ? ` You can: ${can}.` : ''}`, view.state, view.allowed);
    }
    return { view, form: COMMAND_FORMS[command], name: command };
  }

  private contextOf(principal: Principal, view: DisputeCaseView): ChoiceContext {
    const person = (id: string) => this.names.person(id) ?? id;
    const appointees = [
      ...(view.mediatorId ? [{ value: view.mediatorId, text: `${person(view.mediatorId)}, mediator` }] : []),
      ...(view.panel
        ? [
            { value: view.panel.chairId, text: `${person(view.panel.chairId)}, panel chair` },
            { value: view.panel.statutoryMemberId, text: `${person(view.panel.statutoryMemberId)}, panel member` },
            { value: view.panel.vcsMemberId, text: `${person(view.panel.vcsMemberId)}, panel member` },
          ]
        : []),
    ];
    return {
      principal,
      parties: view.parties.filter((p) => p.organisationId === view.complainantId || view.respondentIds.includes(p.organisationId)),
      appointees,
      openActions: view.actions
        .filter((a) => a.status === 'open')
        .map((a) => ({ value: a.actionId, text: a.description, hint: `${this.names.organisation(a.ownerId) ?? a.ownerId}, due ${weekdayDate(a.dueDate)}` })),
      pendingObjections: view.objections
        .filter((o) => o.status === 'pending')
        .map((o) => ({ value: o.personId, text: `To ${person(o.personId)}, from ${this.names.organisation(o.organisationId) ?? o.organisationId}`, hint: o.grounds })),
    };
  }

  /**
   * The engine names parties and people by id in some refusals ("missing <id>", "Name (<id>)"):
   * the page says their names alone.
   */
  private withNames(errors: FormErrors, context: ChoiceContext): FormErrors {
    const names = new Map<string, string>([
      ...(context.parties ?? []).map((p) => [p.organisationId, p.name] as [string, string]),
      ...(context.appointees ?? []).map((a) => [a.value, a.text.split(',')[0] ?? a.text] as [string, string]),
    ]);
    const named = (text: string) => [...names].reduce((t, [id, name]) => t.split(` (${id})`).join('').split(id).join(name), text).replace(/ \([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)/g, '');
    return {
      summary: errors.summary.map((e) => ({ ...e, text: named(e.text) })),
      byField: Object.fromEntries(Object.entries(errors.byField).map(([k, v]) => [k, named(v)])),
    };
  }

  private async show(
    request: FastifyRequest,
    reply: FastifyReply,
    view: DisputeCaseView,
    name: PageCommandName,
    form: CommandForm,
    body: FormBody | undefined,
    errors: FormErrors,
    status: number,
    idempotencyKey: string,
    extraRows: Readonly<Record<string, number>> = {},
  ): Promise<void> {
    const context = this.contextOf(request.principal as Principal, view);
    errors = this.withNames(errors, context);
    const fields = await this.forms.draw(form.fields, context, body, errors, extraRows);
    const caseHref = `/cases/${encodeURIComponent(view.id)}`;
    this.page.render(
      request,
      reply,
      'pages/command-form.njk',
      { pageTitle: `${form.title}: ${view.summary}`, section: '/cases' },
      {
        form,
        fields,
        caseSummary: view.summary,
        caseHref,
        action: `${caseHref}/act/${name}`,
        revision: String(view.revision),
        idempotencyKey,
        errorSummary: errors.summary,
        fileError: errors.byField['file'] ?? null,
      },
      status,
    );
  }
}


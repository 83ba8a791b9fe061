import { Controller, Get, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { GetPerson, ListOrganisations, ListPeople, type PeopleList, type PersonView, type Principal } from '#application';
import { NotFoundError, ValidationError } from '#core';
import { GRANTABLE_ROLES, type OrganisationRecord, type Role } from '#domain';
import { Public } from '#http';
import { PageQuery, type PageQueryValues } from '../platform/page-query.js';
import { bodyOf } from '../forms/form-fields.js';
import { FormPage } from '../forms/form-page.js';
import { londonDateTime, weekdayDate } from '../platform/dates.js';
import { type FormBody } from '../platform/form-body.js';
import { type FormErrors, formErrorsOf, NO_ERRORS } from '../platform/form-errors.js';
import { ROLE_NAMES, roleNames } from '../platform/navigation.js';
import { PageReply } from '../platform/page-reply.js';
import { CsrfGuard } from '../session/csrf.guard.js';
import { PageSessionGuard } from '../session/page-session.guard.js';
import { ADMIN_FORMS, type AdminForm, type AdminFormName, isAdminForm } from './admin-forms.js';

const PERSON_FORMS: readonly AdminFormName[] = ['grant-role', 'revoke-role', 'move', 'deactivate', 'rotate-token'];
const isAdmin = (p: Principal) => p.roles.includes('admin');

/**
 * The directory: people by role (for appointing: who mediates, who sits on panels, and where each
 * belongs), one person, the signatories; and for administrators the admin commands on them. The
 * people shown are exactly those GET /people shows the same person.
 */
@Controller()
@Public()
@ApiExcludeController()
@UseGuards(PageSessionGuard, CsrfGuard)
export class DirectoryController {
  constructor(
    @Inject(PageReply) private readonly page: PageReply,
    @Inject(FormPage) private readonly forms: FormPage,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  @Get('directory')
  async people(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @PageQuery() query: PageQueryValues): Promise<void> {
    const principal = request.principal as Principal;
    const role = GRANTABLE_ROLES.includes(query['role'] as Role) ? (query['role'] as Role) : undefined;
    const organisationId = query['organisationId'] || undefined;
    let list: PeopleList = { items: [], nextCursor: null };
    let errorSummary: FormErrors['summary'] = [];
    try {
      list = await this.queries.execute(new ListPeople(principal, { ...(role && { role }), ...(organisationId && { organisationId }) }, query['cursor'] || null, 50));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errorSummary = formErrorsOf(error.errors, { cursor: 'Page', organisationId: 'Organisation' }, 'role').summary;
    }
    const organisations = await this.organisations();
    const params = new URLSearchParams(Object.entries({ role: role ?? '', organisationId: organisationId ?? '' }).filter(([, v]) => v !== ''));
    this.page.render(
      request,
      reply,
      'pages/directory.njk',
      { pageTitle: 'People', section: '/directory' },
      {
        roles: [{ value: '', text: 'Any role' }, ...GRANTABLE_ROLES.map((r) => ({ value: r, text: ROLE_NAMES[r], selected: r === role }))],
        organisations: [{ value: '', text: 'Any organisation' }, ...organisations.map((o) => ({ value: o.organisationId, text: o.name, selected: o.organisationId === organisationId }))],
        people: list.items.map((p) => ({ href: `/directory/${encodeURIComponent(p.id)}`, name: p.name, roles: roleNames(p.roles), organisation: p.organisationName ?? 'Independent', active: p.active })),
        nextHref: list.nextCursor ? `/directory?${new URLSearchParams([...params, ['cursor', list.nextCursor]]).toString()}` : null,
        filtered: role !== undefined || organisationId !== undefined,
        admin: isAdmin(principal),
        errorSummary,
      },
      errorSummary.length ? 400 : 200,
    );
  }

  @Get('directory/:id')
  async person(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const principal = request.principal as Principal;
    const person: PersonView = await this.queries.execute(new GetPerson(principal, id));
    this.page.render(request, reply, 'pages/person.njk', { pageTitle: person.name, section: '/directory' }, {
      person,
      roles: roleNames(person.roles) || 'None',
      memberships: person.memberships.map((m) => ({ name: m.organisationName ?? m.organisationId, from: weekdayDate(m.from), to: m.to ? weekdayDate(m.to) : 'now' })),
      registered: londonDateTime(person.registeredAt),
      actions: isAdmin(principal) && person.active ? PERSON_FORMS.map((f) => ({ href: `/directory/${encodeURIComponent(id)}/act/${f}`, text: ADMIN_FORMS[f].title })) : [],
    });
  }

  @Get('signatories')
  async signatories(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const principal = request.principal as Principal;
    const organisations = await this.organisations(true);
    this.page.render(request, reply, 'pages/signatories.njk', { pageTitle: 'Signatories', section: '/signatories' }, {
      admin: isAdmin(principal),
      rows: organisations.map((o) => ({
        id: o.organisationId,
        name: o.name,
        sector: o.sector === 'vcs' ? 'Voluntary and community sector' : 'Statutory',
        type: o.type,
        signed: weekdayDate(o.signedAt),
        left: o.leftAt ? weekdayDate(o.leftAt) : null,
        peopleHref: `/directory?organisationId=${encodeURIComponent(o.organisationId)}`,
        leaveHref: o.leftAt === null ? `/signatories/${encodeURIComponent(o.organisationId)}/leave` : null,
      })),
    });
  }

  // ---- administrators' forms -------------------------------------------------------------------

  @Get('directory/register')
  registerForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.showAdmin(request, reply, 'register-person', '', undefined, NO_ERRORS, 200);
  }

  @Post('directory/register')
  register(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.sendAdmin(request, reply, 'register-person', '');
  }

  @Get('directory/:id/act/:form')
  personForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Param('form') form: string) {
    return this.showAdmin(request, reply, this.personFormOf(form), id, undefined, NO_ERRORS, 200);
  }

  @Post('directory/:id/act/:form')
  personCommand(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Param('form') form: string) {
    return this.sendAdmin(request, reply, this.personFormOf(form), id);
  }

  @Get('signatories/new')
  signForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.showAdmin(request, reply, 'sign-organisation', '', undefined, NO_ERRORS, 200);
  }

  @Post('signatories/new')
  sign(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.sendAdmin(request, reply, 'sign-organisation', '');
  }

  @Get('signatories/:id/leave')
  leaveForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.showAdmin(request, reply, 'leave', id, undefined, NO_ERRORS, 200);
  }

  @Post('signatories/:id/leave')
  leave(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.sendAdmin(request, reply, 'leave', id);
  }

  private personFormOf(form: string): AdminFormName {
    if (!isAdminForm(form) || !PERSON_FORMS.includes(form)) throw new NotFoundError(`There is no form called ${form.slice(0, 60)}.`, 'PAGE.NOT_FOUND');
    return form;
  }

  private async organisations(all = false): Promise<OrganisationRecord[]> {
    const items = ((await this.queries.execute(new ListOrganisations())) as { items: OrganisationRecord[] }).items;
    return all ? items : items.filter((o) => o.leftAt === null);
  }

  private async sendAdmin(request: FastifyRequest, reply: FastifyReply, name: AdminFormName, id: string): Promise<void> {
    const form: AdminForm = ADMIN_FORMS[name];
    const body = (request.body ?? {}) as FormBody;
    let result: Awaited<ReturnType<AdminForm['send']>>;
    try {
      const payload = await this.forms.validated(form.dto, bodyOf(form.fields, body));
      result = await form.send(this.commands, request.principal as Principal, id, payload);
    } catch (error) {
      const { errors, status } = this.forms.errorsOf(error, form.fields);
      return this.showAdmin(request, reply, name, id, body, errors, status);
    }
    const back = form.target === 'organisation' || name === 'sign-organisation' ? '/signatories' : `/directory/${encodeURIComponent(result.id)}`;
    // A token is shown once, on this answer, and never again.
    if ('token' in result) {
      return this.page.render(request, reply, 'pages/token-issued.njk', { pageTitle: 'Token issued', section: '/directory' }, { token: result.token, back, title: form.title });
    }
    this.page.flash(request, `${form.title}: done.`);
    this.page.redirect(reply, back);
  }

  private async showAdmin(request: FastifyRequest, reply: FastifyReply, name: AdminFormName, id: string, body: FormBody | undefined, errors: FormErrors, status: number): Promise<void> {
    const form: AdminForm = ADMIN_FORMS[name];
    const principal = request.principal as Principal;
    let subject: string | null = null;
    if (form.target === 'person') subject = ((await this.queries.execute(new GetPerson(principal, id))) as PersonView).name;
    if (form.target === 'organisation') subject = (await this.organisations(true)).find((o) => o.organisationId === id)?.name ?? null;
    if (form.target === 'organisation' && subject === null) throw new NotFoundError(`No organisation ${id.slice(0, 60)}.`, 'ORGANISATION.NOT_FOUND');
    const action = form.target === 'none' ? (name === 'register-person' ? '/directory/register' : '/signatories/new') : form.target === 'person' ? `/directory/${encodeURIComponent(id)}/act/${name}` : `/signatories/${encodeURIComponent(id)}/leave`;
    const back = form.target === 'person' ? `/directory/${encodeURIComponent(id)}` : form.target === 'organisation' || name === 'sign-organisation' ? '/signatories' : '/directory';
    const fields = await this.forms.draw(form.fields, { principal }, body, errors);
    this.page.render(
      request,
      reply,
      'pages/admin-form.njk',
      { pageTitle: form.title, section: form.target === 'organisation' || name === 'sign-organisation' ? '/signatories' : '/directory' },
      { form, fields, subject, action, back, errorSummary: errors.summary },
      status,
    );
  }
}

import { type Type } from '@nestjs/common';
import { type CommandBus } from '@nestjs/cqrs';
import {
  type CommandResult,
  DeactivatePerson,
  GrantRole,
  MovePerson,
  type Principal,
  RecordOrganisationLeft,
  type RegisteredPerson,
  RegisterPerson,
  RevokeRole,
  RotateToken,
  SignOrganisation,
} from '#application';
import { GRANTABLE_ROLES } from '#domain';
import { DeactivatePersonDto, EmptyBodyDto, LeaveCompactDto, MovePersonDto, RegisterPersonDto, RoleChangeDto, SignOrganisationDto, TEXT } from '#http';
import { type Choice, type FormField } from '../forms/form-fields.js';
import { ROLE_NAMES } from '../platform/navigation.js';

/** An admin's form on the directory: how it asks for the body of one of the API's admin commands, and which bus message sends it. */
export interface AdminForm {
  readonly title: string;
  readonly intro?: string;
  readonly warning?: string;
  readonly submit: string;
  readonly dto: Type;
  readonly fields: readonly FormField[];
  /** What it applies to: a person, an organisation, or nothing yet (registering, signing up). */
  readonly target: 'person' | 'organisation' | 'none';
  send(commands: CommandBus, principal: Principal, targetId: string, body: Record<string, unknown>): Promise<CommandResult | RegisteredPerson>;
}

const roleChoices: Choice[] = GRANTABLE_ROLES.map((r) => ({ value: r, text: ROLE_NAMES[r] }));
const ORGANISATION: FormField = { name: 'organisationId', label: 'Organisation', kind: 'select', choices: 'organisations' };

export const ADMIN_FORMS = {
  'register-person': {
    title: 'Register a person',
    intro: 'They get a token, shown once on the next page, to sign in with. Partners must belong to an organisation.',
    submit: 'Register',
    dto: RegisterPersonDto,
    target: 'none',
    fields: [
      { name: 'name', label: 'Name', kind: 'text' },
      { name: 'email', label: 'Email address', kind: 'text' },
      { ...ORGANISATION, optional: true, hint: 'Who they act for. Leave it for independent mediators and panel chairs.' },
      { name: 'roles', label: 'Roles', kind: 'checkboxes', choices: roleChoices },
      { name: 'compactLeadFor', label: 'Compact lead councillor for', kind: 'select', choices: 'organisations', optional: true, hint: 'Such a person is never appointed on that authority’s cases.' },
    ],
    send: (commands, principal, _id, body) => commands.execute(new RegisterPerson(principal, body as RegisterPerson['body'])),
  },
  'grant-role': {
    title: 'Give a role',
    submit: 'Give the role',
    dto: RoleChangeDto,
    target: 'person',
    fields: [{ name: 'role', label: 'Which role?', kind: 'radios', choices: roleChoices }],
    send: (commands, principal, id, body) => commands.execute(new GrantRole(principal, id, String(body['role']))),
  },
  'revoke-role': {
    title: 'Take away a role',
    submit: 'Take it away',
    dto: RoleChangeDto,
    target: 'person',
    fields: [{ name: 'role', label: 'Which role?', kind: 'radios', choices: roleChoices }],
    send: (commands, principal, id, body) => commands.execute(new RevokeRole(principal, id, String(body['role']))),
  },
  move: {
    title: 'Move to another organisation',
    intro: 'The membership that ends keeps its dates: the 12-month conflict-of-interest rule reads them.',
    submit: 'Move',
    dto: MovePersonDto,
    target: 'person',
    fields: [{ ...ORGANISATION, label: 'Which organisation do they act for now?', choices: 'organisations-or-none' }],
    send: (commands, principal, id, body) => commands.execute(new MovePerson(principal, id, body['organisationId'] === 'none' ? null : String(body['organisationId']))),
  },
  deactivate: {
    title: 'Deactivate',
    warning: 'Their token stops working at once and cannot be given back. Their history stays.',
    submit: 'Deactivate',
    dto: DeactivatePersonDto,
    target: 'person',
    fields: [{ name: 'reason', label: 'Why?', kind: 'textarea', maxLength: TEXT.medium }],
    send: (commands, principal, id, body) => commands.execute(new DeactivatePerson(principal, id, String(body['reason']))),
  },
  'rotate-token': {
    title: 'Issue a new token',
    warning: 'The old token stops working at once, and every sign-in made with it ends. The new one is shown once.',
    submit: 'Issue a new token',
    dto: EmptyBodyDto,
    target: 'person',
    fields: [],
    send: (commands, principal, id) => commands.execute(new RotateToken(principal, id)),
  },
  'sign-organisation': {
    title: 'Sign up an organisation',
    submit: 'Sign it up',
    dto: SignOrganisationDto,
    target: 'none',
    fields: [
      { name: 'name', label: 'Name', kind: 'text' },
      { name: 'sector', label: 'Sector', kind: 'radios', choices: [{ value: 'statutory', text: 'Statutory', hint: 'Councils, NHS bodies, police, fire' }, { value: 'vcs', text: 'Voluntary and community sector' }] },
      { name: 'type', label: 'What kind of body is it?', kind: 'text', hint: 'For example: district council, parish council, NHS trust, charity' },
    ],
    send: (commands, principal, _id, body) => commands.execute(new SignOrganisation(principal, body as SignOrganisation['body'])),
  },
  leave: {
    title: 'Record that the organisation leaves the Compact',
    warning: 'Its open cases stay; no dispute can be raised by or against it from now on.',
    submit: 'Record it',
    dto: LeaveCompactDto,
    target: 'organisation',
    fields: [{ name: 'reason', label: 'Why is it leaving?', kind: 'textarea', maxLength: TEXT.medium }],
    send: (commands, principal, id, body) => commands.execute(new RecordOrganisationLeft(principal, id, String(body['reason']))),
  },
} as const satisfies Record<string, AdminForm>;

export type AdminFormName = keyof typeof ADMIN_FORMS;
export const isAdminForm = (name: string): name is AdminFormName => Object.hasOwn(ADMIN_FORMS, name);

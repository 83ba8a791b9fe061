import { RuleViolationError, ValidationError } from '#core';
import { ROLES, type Role } from '../shared/actor.js';
import { SECTORS, type Sector } from '../dispute/vocabulary.js';
import { type DirectoryEvent } from './directory-events.js';
import { type DirectoryLookup, describeOrganisation, describePerson, type OrganisationRecord, type RegistrationLookup } from './directory-lookup.js';
import { type PersonState } from './directory-state.js';

const fail = (field: string, message: string): never => {
  throw new ValidationError(`${field}: ${message}`, [{ field, message }]);
};
const text = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '') fail(field, 'must not be empty');
  return (value as string).trim();
};
/** 409: the command is well formed but makes no sense for this person or organisation now. */
const refuse = (message: string, code: string): never => {
  throw new RuleViolationError(message, code);
};

export function decideSignOrganisation(
  organisationId: string,
  input: { name: string; sector: Sector; type: string },
): DirectoryEvent[] {
  if (!SECTORS.includes(input.sector)) fail('sector', `must be one of ${SECTORS.join(', ')}`);
  return [
    {
      type: 'OrganisationSigned',
      data: { organisationId, name: text(input.name, 'name'), sector: input.sector, type: text(input.type, 'type') },
    },
  ];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Roles a person is registered with; `system` belongs to the engine alone. */
export const GRANTABLE_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'system');

const grantable = (role: string, field: string): Role => {
  if (!(GRANTABLE_ROLES as readonly string[]).includes(role)) fail(field, `${role} is not one of ${GRANTABLE_ROLES.join(', ')}`);
  return role as Role;
};

export function decideRegisterPerson(
  personId: string,
  input: {
    name: string;
    email: string;
    organisationId?: string | null;
    roles: readonly string[];
    compactLeadFor?: string | null;
  },
  tokenHash: string,
  directory: RegistrationLookup,
): DirectoryEvent[] {
  const roles = [...new Set(input.roles)];
  if (roles.length === 0) fail('roles', 'give at least one role');
  for (const r of roles) grantable(r, 'roles');
  const organisationId = input.organisationId ?? null;
  if (roles.includes('partner') && organisationId === null) fail('organisationId', 'a partner acts for an organisation');
  if (organisationId !== null) {
    const org = directory.organisation(organisationId);
    if (!org) fail('organisationId', `unknown organisation ${organisationId}`);
    else if (org.leftAt !== null) fail('organisationId', `${describeOrganisation(org)} has left the Compact`);
  }
  const compactLeadFor = input.compactLeadFor ? [input.compactLeadFor] : [];
  for (const id of compactLeadFor) {
    const org = directory.organisation(id);
    if (!org) fail('compactLeadFor', `unknown organisation ${id}`);
    else if (org.sector !== 'statutory') fail('compactLeadFor', 'a Compact lead councillor leads for a statutory authority');
  }
  const email = text(input.email, 'email');
  if (!EMAIL.test(email)) fail('email', 'must be an email address');
  // One address, one person: sign-in by the organisation's accounts and notifications find people by it.
  // A deactivated person's address is free again, for someone who comes back and is registered afresh.
  const holder = directory.activePersonByEmail(email);
  if (holder && holder.personId !== personId) {
    refuse(`${email} is already the email address of ${describePerson(holder)} (compared without regard to case).`, 'DIRECTORY.EMAIL_TAKEN');
  }
  return [
    {
      type: 'PersonRegistered',
      data: { personId, personal: { name: text(input.name, 'name'), email }, organisationId, roles: roles as Role[], compactLeadFor, tokenHash },
    },
  ];
}

// ---- commands on a registered person: each reads the person as their stream tells it -----------

function requireActive(person: PersonState): void {
  if (person.deactivatedAt !== null) {
    refuse(`${describePerson(person)} was deactivated on ${person.deactivatedAt.slice(0, 10)}; nothing more can be changed for them.`, 'DIRECTORY.PERSON_DEACTIVATED');
  }
}

const partnerNeedsOrganisation = (person: PersonState): never =>
  refuse(`${describePerson(person)} belongs to no organisation, and a partner acts for one: move them to an organisation first.`, 'DIRECTORY.PARTNER_NEEDS_ORGANISATION');

export function decideGrantRole(person: PersonState, role: string): DirectoryEvent[] {
  const granted = grantable(role, 'role');
  requireActive(person);
  if (person.roles.includes(granted)) refuse(`${describePerson(person)} already holds the ${granted} role.`, 'DIRECTORY.ROLE_ALREADY_HELD');
  if (granted === 'partner' && person.organisationId === null) partnerNeedsOrganisation(person);
  return [{ type: 'RoleGranted', data: { personId: person.personId, role: granted } }];
}

export function decideRevokeRole(person: PersonState, role: string): DirectoryEvent[] {
  const revoked = grantable(role, 'role');
  requireActive(person);
  if (!person.roles.includes(revoked)) {
    refuse(`${describePerson(person)} does not hold the ${revoked} role (they hold: ${person.roles.join(', ') || 'none'}).`, 'DIRECTORY.ROLE_NOT_HELD');
  }
  return [{ type: 'RoleRevoked', data: { personId: person.personId, role: revoked } }];
}

/** To another organisation, or to none (`null`). The membership just ended keeps its dates. */
export function decideMovePerson(person: PersonState, organisationId: string | null, directory: DirectoryLookup): DirectoryEvent[] {
  requireActive(person);
  let target: OrganisationRecord | undefined;
  if (organisationId !== null) {
    target = directory.organisation(organisationId);
    if (!target) return fail('organisationId', `unknown organisation ${organisationId}`);
  }
  if (organisationId === person.organisationId) {
    refuse(`${describePerson(person)} already belongs to ${target ? describeOrganisation(target) : 'no organisation'}.`, 'DIRECTORY.ALREADY_MEMBER');
  }
  if (target && target.leftAt !== null) {
    refuse(`${describeOrganisation(target)} left the Compact on ${target.leftAt.slice(0, 10)}; nobody can join it.`, 'DIRECTORY.ORGANISATION_LEFT');
  }
  if (organisationId === null && person.roles.includes('partner')) {
    refuse(`${describePerson(person)} is a partner, who acts for an organisation: revoke the partner role first.`, 'DIRECTORY.PARTNER_NEEDS_ORGANISATION');
  }
  return [{ type: 'MembershipChanged', data: { personId: person.personId, organisationId, previousOrganisationId: person.organisationId } }];
}

export function decideDeactivatePerson(person: PersonState, reason: string): DirectoryEvent[] {
  requireActive(person);
  return [{ type: 'PersonDeactivated', data: { personId: person.personId, reason: text(reason, 'reason') } }];
}

/** A new token (its hash): the old one is refused from then on. */
export function decideRotateToken(person: PersonState, tokenHash: string): DirectoryEvent[] {
  requireActive(person);
  return [{ type: 'TokenIssued', data: { personId: person.personId, tokenHash } }];
}

export function decideOrganisationLeave(organisation: OrganisationRecord, reason: string): DirectoryEvent[] {
  if (organisation.leftAt !== null) {
    refuse(`${describeOrganisation(organisation)} already left the Compact on ${organisation.leftAt.slice(0, 10)}.`, 'DIRECTORY.ORGANISATION_ALREADY_LEFT');
  }
  return [{ type: 'OrganisationLeft', data: { organisationId: organisation.organisationId, reason: text(reason, 'reason') } }];
}

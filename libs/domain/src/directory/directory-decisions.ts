import { ValidationError } from '#core';
import { ROLES, type Role } from '../shared/actor.js';
import { SECTORS, type Sector } from '../dispute/vocabulary.js';
import { type DirectoryEvent } from './directory-events.js';
import { type DirectoryLookup } from './directory-lookup.js';

const fail = (field: string, message: string): never => {
  throw new ValidationError(`${field}: ${message}`, [{ field, message }]);
};
const text = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '') fail(field, 'must not be empty');
  return (value as string).trim();
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
const GRANTABLE = ROLES.filter((r) => r !== 'system');

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
  directory: DirectoryLookup,
): DirectoryEvent[] {
  const roles = [...new Set(input.roles)];
  if (roles.length === 0) fail('roles', 'give at least one role');
  for (const r of roles) if (!(GRANTABLE as readonly string[]).includes(r)) fail('roles', `${r} is not one of ${GRANTABLE.join(', ')}`);
  const organisationId = input.organisationId ?? null;
  if (roles.includes('partner') && organisationId === null) fail('organisationId', 'a partner acts for an organisation');
  if (organisationId !== null) {
    const org = directory.organisation(organisationId);
    if (!org) fail('organisationId', `unknown organisation ${organisationId}`);
    else if (org.leftAt !== null) fail('organisationId', `${org.name} has left the Compact`);
  }
  const compactLeadFor = input.compactLeadFor ? [input.compactLeadFor] : [];
  for (const id of compactLeadFor) {
    const org = directory.organisation(id);
    if (!org) fail('compactLeadFor', `unknown organisation ${id}`);
    else if (org.sector !== 'statutory') fail('compactLeadFor', 'a Compact lead councillor leads for a statutory authority');
  }
  const email = text(input.email, 'email');
  if (!EMAIL.test(email)) fail('email', 'must be an email address');
  return [
    {
      type: 'PersonRegistered',
      data: { personId, name: text(input.name, 'name'), email, organisationId, roles: roles as Role[], compactLeadFor, tokenHash },
    },
  ];
}

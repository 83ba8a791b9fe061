import { type PersonRecord } from '#domain';
import { type Principal } from '../principal.js';

/**
 * The one way a directory person becomes a principal, whatever proved who they are: a bearer
 * token today, an organisation's sign-in (OpenID Connect) later. A deactivated person is nobody.
 */
export function principalOf(person: PersonRecord): Principal | null {
  if (person.deactivatedAt) return null;
  return { personId: person.personId, name: person.name, roles: person.roles, organisationId: person.organisationId };
}

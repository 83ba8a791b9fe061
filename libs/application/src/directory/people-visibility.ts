import { type PersonRecord } from '#domain';
import { type CaseMembershipReadModel, type PeopleVisibility } from '#projections';
import { hasRole, type Principal } from '../principal.js';

/**
 * Whom a caller may see in the directory (GET /people). Admin, secretariat, chair and auditors
 * see everyone. A partner sees the current members of their own organisation and everyone ever
 * appointed to a case their organisation is party to (so they can object to an appointment). A
 * mediator or panelist sees, the other way round, the members of the party organisations of the
 * cases they are or were appointed to, and their fellow appointees there. Everyone sees themselves.
 */
export function peopleVisibilityOf(p: Principal, cases: CaseMembershipReadModel): PeopleVisibility {
  if (hasRole(p, 'admin', 'secretariat', 'chair', 'auditor', 'system')) return { all: true, organisationIds: [], personIds: [] };
  const organisationIds = new Set<string>();
  const personIds = new Set<string>([p.personId]);
  if (hasRole(p, 'partner') && p.organisationId !== null) {
    organisationIds.add(p.organisationId);
    for (const id of cases.appointeesOfCasesOf(p.organisationId)) personIds.add(id);
  }
  if (hasRole(p, 'mediator', 'panelist')) {
    for (const id of cases.partiesOfCasesOf(p.personId)) organisationIds.add(id);
    for (const id of cases.fellowAppointeesOf(p.personId)) personIds.add(id);
  }
  return { all: false, organisationIds: [...organisationIds], personIds: [...personIds] };
}

export const maySeePerson = (v: PeopleVisibility, person: Pick<PersonRecord, 'personId' | 'organisationId'>): boolean =>
  v.all || v.personIds.includes(person.personId) || (person.organisationId !== null && v.organisationIds.includes(person.organisationId));

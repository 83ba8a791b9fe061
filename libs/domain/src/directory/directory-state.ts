import { type DirectoryEvent, personRegisteredData } from './directory-events.js';
import { type Membership, type OrganisationRecord, type PersonRecord } from './directory-lookup.js';

/** A person as their stream tells it: what the deciders check and the directory projection stores. */
export interface PersonState extends PersonRecord {
  readonly registeredAt: string;
  /** Hash of the one token that signs them in now; null once deactivated. */
  readonly tokenHash: string | null;
  readonly deactivatedAt: string | null;
}

/**
 * Folds one directory event into a person. `at` is when it happened (its metadata): memberships
 * open and close at that instant, which is what the 12-month conflict-of-interest rule reads.
 */
export function evolvePerson(state: PersonState | null, event: DirectoryEvent, at: string): PersonState | null {
  if (event.type === 'PersonRegistered') {
    const d = personRegisteredData(event.data);
    return {
      personId: d.personId,
      name: d.personal.name,
      email: d.personal.email,
      roles: [...d.roles],
      organisationId: d.organisationId,
      memberships: d.organisationId ? [{ organisationId: d.organisationId, from: at, to: null }] : [],
      compactLeadFor: [...d.compactLeadFor],
      registeredAt: at,
      tokenHash: d.tokenHash,
      deactivatedAt: null,
    };
  }
  if (!('personId' in event.data)) return state;
  if (state === null) throw new Error(`${event.type} for unregistered person ${event.data.personId}`);
  switch (event.type) {
    case 'RoleGranted':
      return state.roles.includes(event.data.role) ? state : { ...state, roles: [...state.roles, event.data.role] };
    case 'RoleRevoked':
      return { ...state, roles: state.roles.filter((r) => r !== event.data.role) };
    case 'MembershipChanged': {
      const closed: Membership[] = state.memberships.map((m) => (m.to === null ? { ...m, to: at } : m));
      const { organisationId } = event.data;
      return { ...state, organisationId, memberships: organisationId ? [...closed, { organisationId, from: at, to: null }] : closed };
    }
    case 'TokenIssued':
      return { ...state, tokenHash: event.data.tokenHash };
    case 'PersonDeactivated':
      return { ...state, tokenHash: null, deactivatedAt: at };
    default:
      return state;
  }
}

/** Folds one directory event into an organisation (signed, then perhaps left). */
export function evolveOrganisation(state: OrganisationRecord | null, event: DirectoryEvent, at: string): OrganisationRecord | null {
  switch (event.type) {
    case 'OrganisationSigned':
      return { ...event.data, signedAt: at, leftAt: null };
    case 'OrganisationLeft':
      if (state === null) throw new Error(`OrganisationLeft for unknown organisation ${event.data.organisationId}`);
      return { ...state, leftAt: at };
    default:
      return state;
  }
}

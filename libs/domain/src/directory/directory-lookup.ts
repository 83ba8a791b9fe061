import { type Role } from '../shared/actor.js';
import { type Sector } from '../dispute/vocabulary.js';

export interface OrganisationRecord {
  readonly organisationId: string;
  readonly name: string;
  readonly sector: Sector;
  readonly type: string;
  readonly signedAt: string;
  readonly leftAt: string | null;
}

export interface Membership {
  readonly organisationId: string;
  readonly from: string;
  readonly to: string | null;
}

export interface PersonRecord {
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly organisationId: string | null;
  /** Every organisation the person has belonged to, with dates: the conflict-of-interest rule needs history. */
  readonly memberships: readonly Membership[];
  /** Authorities for which the person is the Compact lead councillor (Compact 5.4). */
  readonly compactLeadFor: readonly string[];
  /** When the person was deactivated (their token refused, never appointed again); absent or null while active. */
  readonly deactivatedAt?: string | null;
}

/** Read access to organisations and people, handed to deciders by the application (no I/O in the domain). */
export interface DirectoryLookup {
  organisation(organisationId: string): OrganisationRecord | undefined;
  person(personId: string): PersonRecord | undefined;
}

/** What registering a person needs besides the organisations: who holds an email address now. */
export interface RegistrationLookup extends DirectoryLookup {
  /** The active (not deactivated) person registered with this email address, whatever its letter case. */
  activePersonByEmail(email: string): PersonRecord | undefined;
}

/** "Mediator 2 (p-123)": people and organisations are named by name and id in messages. */
export const describePerson = (p: Pick<PersonRecord, 'personId' | 'name'>): string => `${p.name} (${p.personId})`;
export const describeOrganisation = (o: Pick<OrganisationRecord, 'organisationId' | 'name'>): string => `${o.name} (${o.organisationId})`;
/** An organisation by id, with its name when the directory knows it. */
export const describeOrganisationId = (directory: Pick<DirectoryLookup, 'organisation'>, organisationId: string): string => {
  const org = directory.organisation(organisationId);
  return org ? describeOrganisation(org) : organisationId;
};

const NHS = /\bnhs\b|health|hospital|clinical commissioning|integrated care|ambulance/i;
const PARISH = /\bparish\b|\btown council\b/i;

/** The Compact's bodies are named by type in free text; these two distinctions matter for external referral. */
export const isNhsBody = (o: OrganisationRecord): boolean => o.sector === 'statutory' && NHS.test(o.type);
export const isParishCouncil = (o: OrganisationRecord): boolean => o.sector === 'statutory' && PARISH.test(o.type);
/** A council the Local Government Ombudsman can look at: statutory, neither NHS nor a parish or town council. */
export const isLocalAuthority = (o: OrganisationRecord): boolean =>
  o.sector === 'statutory' && !isNhsBody(o) && !isParishCouncil(o);

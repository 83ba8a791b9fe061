import { type Role } from '../shared/actor.js';
import { type Sector } from '../dispute/vocabulary.js';

/**
 * What identifies a person as a data subject (UK GDPR). Kept in one member of the events that
 * carry it, apart from everything else, so that it can later be encrypted with a key per person
 * and erased by deleting the key while the log stays as it is. Case events never copy it: they
 * name people by id, and reads look the name up in the directory.
 */
export interface PersonalDetails {
  readonly name: string;
  readonly email: string;
}

/** Organisations and people are event-sourced too: membership history decides conflicts of interest. */
export interface DirectoryEventDataMap {
  OrganisationSigned: { readonly organisationId: string; readonly name: string; readonly sector: Sector; readonly type: string };
  OrganisationLeft: { readonly organisationId: string; readonly reason: string };
  /** Schema 2: name and email inside `personal`. Schema 1 (still in older logs) had them at the top level. */
  PersonRegistered: {
    readonly personId: string;
    readonly personal: PersonalDetails;
    readonly organisationId: string | null;
    readonly roles: readonly Role[];
    readonly compactLeadFor: readonly string[];
    /** SHA-256 of the bearer token; the token itself is shown once and never stored. */
    readonly tokenHash: string;
  };
  RoleGranted: { readonly personId: string; readonly role: Role };
  RoleRevoked: { readonly personId: string; readonly role: Role };
  /** The person moved to another organisation (null: to none); the membership history keeps both, with dates. */
  MembershipChanged: { readonly personId: string; readonly organisationId: string | null; readonly previousOrganisationId?: string | null };
  /** A new token replaces the old one, which is refused from then on. */
  TokenIssued: { readonly personId: string; readonly tokenHash: string };
  /** The person no longer takes part: their token is refused and they cannot be appointed. Final. */
  PersonDeactivated: { readonly personId: string; readonly reason: string };
}

export type DirectoryEventType = keyof DirectoryEventDataMap;

export type DirectoryEvent = {
  [K in DirectoryEventType]: { readonly type: K; readonly data: DirectoryEventDataMap[K] };
}[DirectoryEventType];

export const DIRECTORY_EVENT_TYPES: readonly DirectoryEventType[] = [
  'OrganisationSigned',
  'OrganisationLeft',
  'PersonRegistered',
  'RoleGranted',
  'RoleRevoked',
  'MembershipChanged',
  'TokenIssued',
  'PersonDeactivated',
];

/** The schema version each directory event is written at (its metadata carries it). */
export const directoryEventSchemaVersion = (type: DirectoryEventType): number => (type === 'PersonRegistered' ? 2 : 1);

export const isDirectoryEventType = (type: string): type is DirectoryEventType => (DIRECTORY_EVENT_TYPES as readonly string[]).includes(type);

/** PersonRegistered as schema 2 whatever it was written at: schema 1 had name and email beside the rest. */
export function personRegisteredData(data: unknown): DirectoryEventDataMap['PersonRegistered'] {
  const d = data as DirectoryEventDataMap['PersonRegistered'] & { readonly name?: string; readonly email?: string };
  if (d.personal !== undefined) return d;
  const { name, email, ...rest } = d;
  return { ...rest, personal: { name: name ?? '', email: email ?? '' } };
}

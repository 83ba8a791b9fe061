import { type Role } from '../shared/actor.js';
import { type Sector } from '../dispute/vocabulary.js';

/** Organisations and people are event-sourced too: membership history decides conflicts of interest. */
export interface DirectoryEventDataMap {
  OrganisationSigned: { readonly organisationId: string; readonly name: string; readonly sector: Sector; readonly type: string };
  OrganisationLeft: { readonly organisationId: string; readonly reason: string };
  PersonRegistered: {
    readonly personId: string;
    readonly name: string;
    readonly email: string;
    readonly organisationId: string | null;
    readonly roles: readonly Role[];
    readonly compactLeadFor: readonly string[];
    /** SHA-256 of the bearer token; the token itself is shown once and never stored. */
    readonly tokenHash: string;
  };
  RoleGranted: { readonly personId: string; readonly role: Role };
  RoleRevoked: { readonly personId: string; readonly role: Role };
  MembershipChanged: { readonly personId: string; readonly organisationId: string | null };
  TokenIssued: { readonly personId: string; readonly tokenHash: string };
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
];

import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError } from '#core';
import { GRANTABLE_ROLES, type Role } from '#domain';
import { CaseMembershipReadModel, type DirectoryPerson, DirectoryReadModel } from '#projections';
import { type Principal } from '../principal.js';
import { ReadYourWrites } from '../read-side/read-your-writes.js';
import { DirectoryNames } from './directory-names.js';
import { maySeePerson, peopleVisibilityOf } from './people-visibility.js';

export const DEFAULT_PEOPLE_PAGE = 25;
export const MAX_PEOPLE_PAGE = 100;

export interface OrganisationRef {
  readonly organisationId: string;
  readonly organisationName: string | null;
}

/** A person as GET /people shows them: ids beside names, membership history with dates. Never a token hash. */
export interface PersonView {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly organisationId: string | null;
  readonly organisationName: string | null;
  /** Authorities the person is Compact lead councillor for. */
  readonly compactLeadFor: readonly OrganisationRef[];
  /** Every organisation they belonged to, from when until when (null: still). */
  readonly memberships: readonly (OrganisationRef & { readonly from: string; readonly to: string | null })[];
  readonly active: boolean;
  readonly deactivatedAt: string | null;
  readonly registeredAt: string;
  /** The person's stream revision; also sent as ETag, for If-Match on the admin commands. */
  readonly revision: bigint;
}

export interface PeopleList {
  readonly items: PersonView[];
  readonly nextCursor: string | null;
}

export interface PeopleFilters {
  readonly role?: Role;
  readonly organisationId?: string;
  readonly active?: boolean;
}

/** GET /me: who the token stands for. */
export interface MeView extends Pick<PersonView, 'id' | 'name' | 'roles' | 'organisationId' | 'organisationName' | 'compactLeadFor'> {
  /** True for BOOTSTRAP_ADMIN_TOKEN, which has no person record behind it. */
  readonly bootstrap: boolean;
}

const encodeCursor = (p: DirectoryPerson): string => Buffer.from(JSON.stringify([p.name, p.personId]), 'utf8').toString('base64url');

function decodeCursor(cursor: string): { name: string; personId: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { name: value[0], personId: value[1] };
    }
  } catch {
    // refused below
  }
  throw new ValidationError('cursor: is not a cursor this server gave out', [{ field: 'cursor', message: 'is not a cursor this server gave out' }]);
}

/** The directory's reads: the people list and one person, filtered to whom the caller may see, and /me. */
@Injectable()
export class DirectoryQueries {
  private readonly names: DirectoryNames;


  constructor(
    @Inject(DirectoryReadModel) private readonly directory: DirectoryReadModel,
    @Inject(CaseMembershipReadModel) private readonly cases: CaseMembershipReadModel,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
  ) {
    this.names = new DirectoryNames(directory);
  }

  async listPeople(principal: Principal, filters: PeopleFilters = {}, cursor: string | null = null, limit = DEFAULT_PEOPLE_PAGE): Promise<PeopleList> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PEOPLE_PAGE) {
      throw new ValidationError(`limit: must be a whole number from 1 to ${MAX_PEOPLE_PAGE}`, [{ field: 'limit', message: `must be a whole number from 1 to ${MAX_PEOPLE_PAGE}` }]);
    }
    if (filters.role !== undefined && !GRANTABLE_ROLES.includes(filters.role)) {
      throw new ValidationError(`role: must be one of ${GRANTABLE_ROLES.join(', ')}`, [{ field: 'role', message: `must be one of ${GRANTABLE_ROLES.join(', ')}` }]);
    }
    const after = cursor ? decodeCursor(cursor) : undefined;
    // Appointees are read from the case list: reflect the caller's own appointments first.
    await this.readYourWrites.settle(principal);
    const rows = this.directory.listPeople({ ...filters, visibility: peopleVisibilityOf(principal, this.cases), ...(after && { after }), limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((p) => this.view(p)), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** One person; 404 for an unknown id and for one the caller may not see alike. */
  async getPerson(principal: Principal, personId: string): Promise<PersonView> {
    await this.readYourWrites.settle(principal);
    const person = this.directory.person(personId);
    if (!person || !maySeePerson(peopleVisibilityOf(principal, this.cases), person)) throw new NotFoundError(`No person ${personId}.`, 'PERSON.NOT_FOUND');
    return this.view(person);
  }

  me(principal: Principal): MeView {
    const person = principal.bootstrap ? undefined : this.directory.person(principal.personId);
    return {
      id: principal.personId,
      name: principal.name,
      roles: principal.roles,
      organisationId: principal.organisationId,
      organisationName: this.names.organisation(principal.organisationId),
      compactLeadFor: (person?.compactLeadFor ?? []).map((id) => this.ref(id)),
      bootstrap: principal.bootstrap === true,
    };
  }

  private ref(organisationId: string): OrganisationRef {
    return { organisationId, organisationName: this.names.organisation(organisationId) };
  }

  private view(p: DirectoryPerson): PersonView {
    return {
      id: p.personId,
      name: p.name,
      email: p.email,
      roles: p.roles,
      organisationId: p.organisationId,
      organisationName: this.names.organisation(p.organisationId),
      compactLeadFor: p.compactLeadFor.map((id) => this.ref(id)),
      memberships: p.memberships.map((m) => ({ ...this.ref(m.organisationId), from: m.from, to: m.to })),
      active: p.deactivatedAt === null,
      deactivatedAt: p.deactivatedAt,
      registeredAt: p.registeredAt,
      revision: p.revision,
    };
  }
}

import { Command, Query } from '@nestjs/cqrs';
import { type CommandResult, type WriteOptions } from '../command-result.js';
import { type RegisteredPerson } from '../messages.js';
import { type Principal } from '../principal.js';
import { type MeView, type PeopleFilters, type PeopleList, type PersonView } from './directory-queries.js';

/* The directory's admin commands and reads, as the edge puts them on the buses. Plain readonly envelopes. */

/** A role given to a person, or taken away: the same envelope, two commands (each has its own handler). */
abstract class RoleChange extends Command<CommandResult> {
  constructor(
    readonly principal: Principal,
    readonly personId: string,
    readonly role: string,
    readonly options: WriteOptions = {},
  ) {
    super();
  }
}

export class GrantRole extends RoleChange {}

export class RevokeRole extends RoleChange {}

/** To another organisation, or to none (null); the membership history keeps the dates. */
export class MovePerson extends Command<CommandResult> {
  constructor(
    readonly principal: Principal,
    readonly personId: string,
    readonly organisationId: string | null,
    readonly options: WriteOptions = {},
  ) {
    super();
  }
}

export class DeactivatePerson extends Command<CommandResult> {
  constructor(
    readonly principal: Principal,
    readonly personId: string,
    readonly reason: string,
    readonly options: WriteOptions = {},
  ) {
    super();
  }
}

/** Answers the new token once, like RegisterPerson. */
export class RotateToken extends Command<RegisteredPerson> {
  constructor(
    readonly principal: Principal,
    readonly personId: string,
    readonly options: WriteOptions = {},
  ) {
    super();
  }
}

export class RecordOrganisationLeft extends Command<CommandResult> {
  constructor(
    readonly principal: Principal,
    readonly organisationId: string,
    readonly reason: string,
    readonly options: WriteOptions = {},
  ) {
    super();
  }
}

/** GET /people: by name, only those the caller may see, `limit` 1–100 (default 25), `cursor` from `nextCursor`. */
export class ListPeople extends Query<PeopleList> {
  constructor(
    readonly principal: Principal,
    readonly filters: PeopleFilters = {},
    readonly cursor: string | null = null,
    readonly limit?: number,
  ) {
    super();
  }
}

export class GetPerson extends Query<PersonView> {
  constructor(
    readonly principal: Principal,
    readonly personId: string,
  ) {
    super();
  }
}

export class GetMe extends Query<MeView> {
  constructor(readonly principal: Principal) {
    super();
  }
}

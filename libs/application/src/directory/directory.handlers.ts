import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler, type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DirectoryQueries } from './directory-queries.js';
import { DirectoryService } from './directory.service.js';
import { DeactivatePerson, GetMe, GetPerson, GrantRole, ListPeople, MovePerson, RecordOrganisationLeft, RevokeRole, RotateToken } from './directory.messages.js';

/* Thin bus handlers for the directory: Nest wiring only; the rules live in the service and the domain. */

@CommandHandler(GrantRole)
export class GrantRoleHandler implements ICommandHandler<GrantRole> {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}
  execute(c: GrantRole) {
    return this.directory.grantRole(c.principal, c.personId, c.role, c.options);
  }
}

@CommandHandler(RevokeRole)
export class RevokeRoleHandler implements ICommandHandler<RevokeRole> {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}
  execute(c: RevokeRole) {
    return this.directory.revokeRole(c.principal, c.personId, c.role, c.options);
  }
}

@CommandHandler(MovePerson)
export class MovePersonHandler implements ICommandHandler<MovePerson> {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}
  execute(c: MovePerson) {
    return this.directory.movePerson(c.principal, c.personId, c.organisationId, c.options);
  }
}

@CommandHandler(DeactivatePerson)
export class DeactivatePersonHandler implements ICommandHandler<DeactivatePerson> {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}
  execute(c: DeactivatePerson) {
    return this.directory.deactivatePerson(c.principal, c.personId, c.reason, c.options);
  }
}

@CommandHandler(RotateToken)
export class RotateTokenHandler implements ICommandHandler<RotateToken> {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}
  execute(c: RotateToken) {
    return this.directory.rotateToken(c.principal, c.personId, c.options);
  }
}

@CommandHandler(RecordOrganisationLeft)
export class RecordOrganisationLeftHandler implements ICommandHandler<RecordOrganisationLeft> {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}
  execute(c: RecordOrganisationLeft) {
    return this.directory.organisationLeaves(c.principal, c.organisationId, c.reason, c.options);
  }
}

@QueryHandler(ListPeople)
export class ListPeopleHandler implements IQueryHandler<ListPeople> {
  constructor(@Inject(DirectoryQueries) private readonly queries: DirectoryQueries) {}
  execute(q: ListPeople) {
    return this.queries.listPeople(q.principal, q.filters, q.cursor, q.limit);
  }
}

@QueryHandler(GetPerson)
export class GetPersonHandler implements IQueryHandler<GetPerson> {
  constructor(@Inject(DirectoryQueries) private readonly queries: DirectoryQueries) {}
  execute(q: GetPerson) {
    return this.queries.getPerson(q.principal, q.personId);
  }
}

@QueryHandler(GetMe)
export class GetMeHandler implements IQueryHandler<GetMe> {
  constructor(@Inject(DirectoryQueries) private readonly queries: DirectoryQueries) {}
  async execute(q: GetMe) {
    return this.queries.me(q.principal);
  }
}

export const DIRECTORY_HANDLERS = [
  GrantRoleHandler,
  RevokeRoleHandler,
  MovePersonHandler,
  DeactivatePersonHandler,
  RotateTokenHandler,
  RecordOrganisationLeftHandler,
  ListPeopleHandler,
  GetPersonHandler,
  GetMeHandler,
];

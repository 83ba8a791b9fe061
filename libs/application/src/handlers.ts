import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler, type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DirectoryReadModel } from '#projections';
import { DirectoryService } from './directory/directory.service.js';
import { DisputeCommandService } from './dispute/dispute-command.service.js';
import { DisputeQueries } from './dispute/dispute-queries.service.js';
import { SYSTEM_PRINCIPAL } from './principal.js';
import { ReadYourWrites } from './read-side/read-your-writes.js';
import {
  Authenticate,
  GetDispute,
  GetDisputeHistory,
  GetDisputeReplay,
  ListOrganisations,
  RaiseDispute,
  RegisterPerson,
  RunDisputeCommand,
  RunSystemCommand,
  SignOrganisation,
} from './messages.js';

/* Thin bus handlers: Nest wiring only; every rule lives in the services and the domain below them. */

@CommandHandler(SignOrganisation)
export class SignOrganisationHandler implements ICommandHandler<SignOrganisation> {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}
  execute(c: SignOrganisation) {
    return this.directory.signOrganisation(c.principal, c.body, c.options);
  }
}

@CommandHandler(RegisterPerson)
export class RegisterPersonHandler implements ICommandHandler<RegisterPerson> {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}
  execute(c: RegisterPerson) {
    return this.directory.registerPerson(c.principal, c.body, c.options);
  }
}

@CommandHandler(RaiseDispute)
export class RaiseDisputeHandler implements ICommandHandler<RaiseDispute> {
  constructor(
    @Inject(DisputeCommandService) private readonly disputes: DisputeCommandService,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
  ) {}
  execute(c: RaiseDispute) {
    return this.readYourWrites.track(c.principal, this.disputes.raise(c.principal, c.body, c.options));
  }
}

@CommandHandler(RunDisputeCommand)
export class RunDisputeCommandHandler implements ICommandHandler<RunDisputeCommand> {
  constructor(
    @Inject(DisputeCommandService) private readonly disputes: DisputeCommandService,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
  ) {}
  execute(c: RunDisputeCommand) {
    return this.readYourWrites.track(c.principal, this.disputes.run(c.principal, c.caseId, c.command, c.options));
  }
}

@CommandHandler(RunSystemCommand)
export class RunSystemCommandHandler implements ICommandHandler<RunSystemCommand> {
  constructor(@Inject(DisputeCommandService) private readonly disputes: DisputeCommandService) {}
  execute(c: RunSystemCommand) {
    return this.disputes.runAs(SYSTEM_PRINCIPAL, c.caseId, c.command, c.options);
  }
}

@QueryHandler(GetDispute)
export class GetDisputeHandler implements IQueryHandler<GetDispute> {
  constructor(@Inject(DisputeQueries) private readonly queries: DisputeQueries) {}
  execute(q: GetDispute) {
    return this.queries.get(q.principal, q.caseId);
  }
}

@QueryHandler(GetDisputeHistory)
export class GetDisputeHistoryHandler implements IQueryHandler<GetDisputeHistory> {
  constructor(@Inject(DisputeQueries) private readonly queries: DisputeQueries) {}
  execute(q: GetDisputeHistory) {
    return this.queries.history(q.principal, q.caseId, q.asOf, q.asOfPosition);
  }
}

@QueryHandler(GetDisputeReplay)
export class GetDisputeReplayHandler implements IQueryHandler<GetDisputeReplay> {
  constructor(@Inject(DisputeQueries) private readonly queries: DisputeQueries) {}
  execute(q: GetDisputeReplay) {
    return this.queries.replay(q.principal, q.caseId, q.as);
  }
}

@QueryHandler(ListOrganisations)
export class ListOrganisationsHandler implements IQueryHandler<ListOrganisations> {
  constructor(@Inject(DirectoryReadModel) private readonly directory: DirectoryReadModel) {}
  async execute() {
    return { items: this.directory.organisations() };
  }
}

@QueryHandler(Authenticate)
export class AuthenticateHandler implements IQueryHandler<Authenticate> {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}
  async execute(q: Authenticate) {
    return this.directory.authenticate(q.token);
  }
}

export const HANDLERS = [
  SignOrganisationHandler,
  RegisterPersonHandler,
  RaiseDisputeHandler,
  RunDisputeCommandHandler,
  RunSystemCommandHandler,
  GetDisputeHandler,
  GetDisputeHistoryHandler,
  GetDisputeReplayHandler,
  ListOrganisationsHandler,
  AuthenticateHandler,
];

import { Command, Query } from '@nestjs/cqrs';
import { type ClauseDates, type DisputeCommand, type DisputeCommandMap, type DisputeView, type Sector } from '#domain';
import { type CommandResult, type WriteOptions } from './command-result.js';
import { type Principal } from './principal.js';

/* The messages the edge (HTTP, CLI, pages, scheduler) puts on the buses. Plain readonly envelopes. */

export class SignOrganisation extends Command<CommandResult> {
  constructor(
    readonly principal: Principal,
    readonly body: { readonly name: string; readonly sector: Sector; readonly type: string },
    readonly options: WriteOptions = {},
  ) {
    super();
  }
}

export interface RegisteredPerson extends CommandResult {
  /** Shown once; only its hash is kept. */
  readonly token: string;
}

export class RegisterPerson extends Command<RegisteredPerson> {
  constructor(
    readonly principal: Principal,
    readonly body: {
      readonly name: string;
      readonly email: string;
      readonly organisationId?: string | null;
      readonly roles: readonly string[];
      readonly compactLeadFor?: string | null;
    },
    readonly options: WriteOptions = {},
  ) {
    super();
  }
}

export interface RaiseDisputeBody {
  readonly respondentIds: readonly string[];
  readonly clauses: readonly string[];
  readonly summary: string;
  readonly details: string;
  readonly desiredOutcome: string;
  readonly urgent?: boolean;
  readonly dates?: ClauseDates;
}

export class RaiseDispute extends Command<CommandResult> {
  constructor(
    readonly principal: Principal,
    readonly body: RaiseDisputeBody,
    readonly options: WriteOptions = {},
  ) {
    super();
  }
}

/** Any command on an existing case; `name` is the URL's `{command}`. add-evidence carries base64 content. */
export class RunDisputeCommand extends Command<CommandResult> {
  constructor(
    readonly principal: Principal,
    readonly caseId: string,
    readonly name: string,
    readonly payload: Record<string, unknown>,
    readonly options: WriteOptions = {},
  ) {
    super();
  }
}

export type DisputeCaseView = DisputeView & { readonly revision: bigint; readonly position: bigint };

export class GetDispute extends Query<DisputeCaseView> {
  constructor(
    readonly principal: Principal,
    readonly caseId: string,
  ) {
    super();
  }
}

export interface HistoryEntry {
  readonly position: bigint;
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: unknown;
  readonly data: unknown;
  readonly metadata: unknown;
}

export class GetDisputeHistory extends Query<{ readonly id: string; readonly events: HistoryEntry[]; readonly asOf?: string; readonly state?: DisputeView }> {
  constructor(
    readonly principal: Principal,
    readonly caseId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

export class GetDisputeReplay extends Query<{ readonly id: string; readonly steps: { readonly event: HistoryEntry; readonly state: string; readonly stage: number | null; readonly view: DisputeView }[] }> {
  constructor(
    readonly principal: Principal,
    readonly caseId: string,
  ) {
    super();
  }
}

export class ListOrganisations extends Query<{ readonly items: unknown[] }> {}

export class Authenticate extends Query<Principal | null> {
  constructor(readonly token: string) {
    super();
  }
}

export type { DisputeCommandMap };

/** Facts the engine records itself (missed deadlines and actions, resumption when a suspension ends). */
export class RunSystemCommand extends Command<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly command: Extract<DisputeCommand, { name: 'record-missed-deadline' | 'record-missed-action' | 'resume' }>,
    readonly options: WriteOptions = {},
  ) {
    super();
  }
}

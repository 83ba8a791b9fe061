import { Command, Query } from '@nestjs/cqrs';
import { type ClauseDates, type DisputeCommand, type DisputeCommandMap, type DisputeView, type Sector } from '#domain';
import { type ProjectionStatus, type RebuildResult } from '#projections';
import { type CommandResult, type WriteOptions } from './command-result.js';
import { type CasePart } from './dispute/case-parts.js';
import { type Principal } from './principal.js';
import { type DisputeList, type DisputeListFilters, type WorkQueue } from './read-side/read-side.types.js';

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

export class GetDisputeHistory extends Query<{ readonly id: string; readonly events: HistoryEntry[]; readonly asOf?: string; readonly asOfPosition?: bigint; readonly state?: DisputeView }> {
  constructor(
    readonly principal: Principal,
    readonly caseId: string,
    readonly asOf?: string,
    /** Only the events up to this global position (with asOf: up to both). */
    readonly asOfPosition?: bigint,
  ) {
    super();
  }
}

export class GetDisputeReplay extends Query<{ readonly id: string; readonly as?: CasePart; readonly steps: { readonly event: HistoryEntry; readonly state: string; readonly stage: number | null; readonly view: DisputeView }[] }> {
  constructor(
    readonly principal: Principal,
    readonly caseId: string,
    /** Show the commands this part of the case could send at each step (default: the caller's). */
    readonly as?: CasePart,
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

// ---- the read side: case list, work queue, read models ---------------------------------------

export type {
  DisputeList,
  DisputeListFilters,
  DisputeSummary,
  WorkQueue,
  WorkQueueItem,
} from './read-side/read-side.types.js';

/**
 * GET /disputes: the case list from the projection, only the cases the caller may see, newest
 * opened first, `limit` 1–100 (default 25), `cursor` from the previous page's `nextCursor`.
 * Reflects the caller's own earlier commands (and `minPosition`, when the client sends one).
 */
export class ListDisputes extends Query<DisputeList> {
  constructor(
    readonly principal: Principal,
    readonly filters: DisputeListFilters = {},
    readonly cursor: string | null = null,
    readonly limit?: number,
    readonly minPosition?: bigint,
  ) {
    super();
  }
}

/** GET /work-queue: what the caller (or their organisation, or the CDG) must do next, soonest due first. */
export class GetWorkQueue extends Query<WorkQueue> {
  constructor(
    readonly principal: Principal,
    readonly minPosition?: bigint,
  ) {
    super();
  }
}

/** Admin: rebuild the named read models (all when none are named) from position 0 and swap them in. */
export class RebuildProjections extends Command<{ readonly rebuilt: RebuildResult[] }> {
  constructor(
    readonly principal: Principal,
    readonly names: readonly string[] = [],
  ) {
    super();
  }
}

/** For /metrics and /health: per read model its checkpoint, the log head, the lag and failures. */
export class GetProjectionStatus extends Query<{ readonly projections: ProjectionStatus[] }> {}

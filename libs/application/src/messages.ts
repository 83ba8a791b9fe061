import { Command, Query } from '@nestjs/cqrs';
import { type CaseCommand, type DisputeCommandMap, type DisputeView, type EngineCommand, type Sector } from '#domain';
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

/** What raising says, as the domain's `raise` command has it: the case id is the write side's to give. */
export type RaiseDisputeBody = Omit<DisputeCommandMap['raise'], 'caseId'>;

export class RaiseDispute extends Command<CommandResult> {
  constructor(
    readonly principal: Principal,
    readonly body: RaiseDisputeBody,
    readonly options: WriteOptions = {},
  ) {
    super();
  }
}

/** add-evidence as it is sent: the file itself. The write side decodes and hashes it, and stores it once the command is decided. */
export interface EvidenceUploadBody {
  readonly filename: string;
  readonly contentType: string;
  readonly contentBase64: string;
}

/** A command people send on an existing case, as the domain types it; add-evidence carries the file (the domain decides on its hash and size). */
export type CaseCommandRequest =
  | Exclude<CaseCommand, { readonly name: 'add-evidence' }>
  | { readonly name: 'add-evidence'; readonly payload: EvidenceUploadBody };

/** Any command on an existing case (`POST /disputes/{id}/{command}`, the CLI, the pages). */
export class RunDisputeCommand extends Command<CommandResult> {
  constructor(
    readonly principal: Principal,
    readonly caseId: string,
    readonly command: CaseCommandRequest,
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

/** What the engine sends itself: its own facts (missed deadlines and actions), and resumption when a suspension ends. */
export type SystemCommand = EngineCommand | Extract<CaseCommand, { readonly name: 'resume' }>;

/** Facts the engine records itself (missed deadlines and actions, resumption when a suspension ends). */
export class RunSystemCommand extends Command<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly command: SystemCommand,
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

import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, DirectoryNames, DisputeQueries, type HistoryEntry, type Principal } from '#application';
import { disputeStream } from '#events';
import { type Actor, type DisputeView } from '#domain';
import { type ChainEvent, type Checkpoint, type ExportedEvent, exportedEvent, HASH_FIELD, PREVIOUS_HASH_FIELD, type RecordedEvent, signCheckpoint, type SigningKey, storedSeal, verifyStreamEvents } from '#event-store';
import { DirectoryReadModel } from '#projections';
import { type FailureView, withCaseId } from '../log-audit.js';
import { SIGNING_KEY } from '../signing-key.provider.js';
import { describeEvent } from './event-phrases.js';

export const CASE_BUNDLE_FORMAT = 'compact-disputes/case-bundle@1';

/** An event as the bundle holds it: as stored, positions and revisions as decimal text (the export's form, without the stream: it is the bundle's). */
export type BundleEvent = Omit<ExportedEvent, 'streamId'>;

/** CDG-only material left out for a reader who may not see it: where it stood and its seal, so the chain runs through. */
export interface WithheldEvent {
  readonly position: string;
  readonly revision: string;
  readonly withheld: true;
  readonly metadata: { readonly previousHash: string | null; readonly hash: string | null };
}

export interface TimelineDeadline {
  readonly id: string;
  readonly step: string;
  readonly dueOn: string;
  readonly owedBy: string;
  /** The organisations that owe it, by name (empty when the CDG does). */
  readonly owedByNames: readonly string[];
  readonly status: string;
  readonly remainingWorkingDays?: number;
}

/** One line of the printable timeline. */
export interface TimelineEntry {
  readonly position: string;
  readonly revision: string;
  readonly at: string;
  readonly type: string;
  /** What happened, in a sentence. */
  readonly what: string;
  readonly by: { readonly personId: string; readonly name: string; readonly role: string };
  /** The organisation the step was taken for (a partner's own; the one the secretariat recorded it for, and why). */
  readonly actingFor: { readonly organisationId: string; readonly name: string; readonly reason?: string } | null;
  readonly stateAfter: string;
  readonly stageAfter: number | null;
  /** The deadlines as they stood right after the step. */
  readonly deadlines: readonly TimelineDeadline[];
}

export interface CaseBundle {
  readonly format: typeof CASE_BUNDLE_FORMAT;
  readonly caseId: string;
  readonly streamId: string;
  readonly exportedAt: string;
  /** Whose view of the case this is: what they may not read is withheld. */
  readonly exportedFor: { readonly personId: string; readonly name: string; readonly roles: readonly string[] };
  readonly summary: {
    readonly summary: string;
    readonly state: string;
    readonly stage: number | null;
    readonly outcome: string | null;
    readonly openedAt: string;
    readonly complainant: string;
    readonly respondents: readonly string[];
    readonly clauses: readonly string[];
  };
  readonly events: readonly (BundleEvent | WithheldEvent)[];
  readonly withheld: number;
  readonly chain: { readonly ok: boolean; readonly failures: readonly FailureView[]; readonly head: { readonly revision: string; readonly hash: string } | null };
  /** The stream's head signed with the server's key (absent when the chain does not verify). */
  readonly checkpoint: Checkpoint | null;
  readonly timeline: readonly TimelineEntry[];
}

/**
 * A case bundle (GET /disputes/{id}/bundle, `cli export --case`): one JSON document with every event
 * of the case and its chain, a signed checkpoint of the stream's head, and the timeline of who did
 * what, when, acting for whom, and the deadlines as they stood after each step. Whoever may read
 * the case may have its bundle; CDG-only material is withheld (place and seal only) for anyone
 * who may not read it, so the chain still verifies without it.
 */
@Injectable()
export class CaseBundles {
  private readonly names: DirectoryNames;

  constructor(
    @Inject(DisputeQueries) private readonly queries: DisputeQueries,
    @Inject(DirectoryReadModel) directory: DirectoryReadModel,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.names = new DirectoryNames(directory);
  }

  async bundle(principal: Principal, caseId: string): Promise<CaseBundle> {
    const record = await this.queries.record(principal, caseId);
    const streamId = disputeStream(caseId);
    const events = record.events.map(({ event, readable }) => (readable ? asBundleEvent(event) : withheld(event)));
    const chainEvents: ChainEvent[] = record.events.map(({ event, readable }) => (readable ? event : { ...event, data: {}, content: 'withheld' }));
    const chain = verifyStreamEvents(chainEvents);
    const last = record.events.at(-1)?.event;
    const exportedAt = this.clock.now().toISOString();
    const checkpoint =
      chain.failures.length === 0 && chain.head !== null && last !== undefined
        ? signCheckpoint({ position: last.position, events: 0, logHash: '', streams: new Map([[streamId, chain.head]]) }, this.key, exportedAt, [streamId])
        : null;
    const now = record.now;
    return {
      format: CASE_BUNDLE_FORMAT,
      caseId,
      streamId,
      exportedAt,
      exportedFor: { personId: principal.personId, name: principal.name, roles: principal.roles },
      summary: {
        summary: now.summary,
        state: now.state,
        stage: now.stage,
        outcome: now.outcome ?? null,
        openedAt: now.openedAt,
        complainant: this.name(now.complainantId),
        respondents: now.respondentIds.map((id) => this.name(id)),
        clauses: now.clauses,
      },
      events,
      withheld: events.filter((e) => 'withheld' in e).length,
      chain: { ok: chain.failures.length === 0, failures: chain.failures.map(withCaseId), head: chain.head && { revision: chain.head.revision.toString(), hash: chain.head.hash } },
      checkpoint,
      timeline: record.steps.map((step) => this.timelineEntry(step.event, step.view)),
    };
  }

  private timelineEntry(entry: HistoryEntry, view: DisputeView): TimelineEntry {
    const actor = entry.actor as Actor & { name?: string | null };
    return {
      position: entry.position.toString(),
      revision: entry.revision.toString(),
      at: entry.occurredAt,
      type: entry.type,
      what: describeEvent(entry.type, entry.data, (id) => this.name(id)),
      by: { personId: actor.personId, name: actor.name ?? this.name(actor.personId), role: actor.role },
      actingFor: this.actingFor(actor),
      stateAfter: view.state,
      stageAfter: view.stage,
      deadlines: view.deadlines.map((d) => ({
        id: d.id,
        step: d.step,
        dueOn: d.dueOn,
        owedBy: d.owedBy,
        owedByNames: d.owedByOrganisationIds.map((id) => this.name(id)),
        status: d.status,
        ...(d.remainingWorkingDays !== undefined && { remainingWorkingDays: d.remainingWorkingDays }),
      })),
    };
  }

  private actingFor(actor: Actor): TimelineEntry['actingFor'] {
    if (actor.onBehalfOf) return { organisationId: actor.onBehalfOf.organisationId, name: this.name(actor.onBehalfOf.organisationId), reason: actor.onBehalfOf.reason };
    if (actor.role === 'partner' && actor.organisationId !== null) return { organisationId: actor.organisationId, name: this.name(actor.organisationId) };
    return null;
  }

  /** An organisation's or a person's name in the directory now, else the id itself. */
  private name(id: unknown): string {
    if (typeof id !== 'string') return String(id);
    return this.names.organisation(id) ?? this.names.person(id) ?? id;
  }
}

function asBundleEvent(event: RecordedEvent): BundleEvent {
  const { streamId: _streamId, ...rest } = exportedEvent(event);
  return rest;
}

function withheld(event: RecordedEvent): WithheldEvent {
  const seal = storedSeal(event.metadata);
  return {
    position: event.position.toString(),
    revision: event.revision.toString(),
    withheld: true,
    metadata: { [PREVIOUS_HASH_FIELD]: seal.previousHash ?? null, [HASH_FIELD]: seal.hash } as WithheldEvent['metadata'],
  };
}

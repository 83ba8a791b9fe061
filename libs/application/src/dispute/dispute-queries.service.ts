import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '#core';
import {
  type Actor,
  applyDisputeEvent,
  type DisputeContext,
  type DisputeSnapshot,
  disputeView,
  type DisputeView,
  initialDisputeSnapshot,
  isCdgMaterial,
  isPassingState,
  maySeeCase,
  maySeeCdgMaterial,
  stageOfSnapshot,
  stateNameOf,
} from '#domain';
import { type RecordedEvent } from '#event-store';
import { CLOCK, type Clock } from '../clock.js';
import { DirectoryNames } from '../directory/directory-names.js';
import { readMetadata, toDisputeMachineEvent } from '#events';
import { type DisputeCaseView, type HistoryEntry } from '../messages.js';
import { type Principal } from '../principal.js';
import { actorsFor } from './actor-selection.js';
import { allowedForPart, type CasePart } from './case-parts.js';
import { DisputeRepository } from './dispute-repository.js';

/** The actor as recorded, with the names the directory gives its person and organisations now. */
const namedActor = (actor: Actor, names: DirectoryNames) => ({
  ...actor,
  name: names.person(actor.personId),
  organisationName: names.organisation(actor.organisationId),
  ...(actor.onBehalfOf && { onBehalfOf: { ...actor.onBehalfOf, organisationName: names.organisation(actor.onBehalfOf.organisationId) } }),
});

const toEntry = (e: RecordedEvent, names: DirectoryNames): HistoryEntry => {
  const metadata = readMetadata(e.metadata);
  return {
    position: e.position,
    revision: e.revision,
    eventId: e.id,
    type: e.type,
    occurredAt: metadata.occurredAt,
    actor: namedActor(metadata.actor, names),
    data: e.data,
    metadata: e.metadata,
  };
};

/** Reads of one case, always from its stream (never stale), through the same machine that runs it. */
@Injectable()
export class DisputeQueries {
  constructor(
    @Inject(DisputeRepository) private readonly repository: DisputeRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DirectoryNames) private readonly names: DirectoryNames,
  ) {}

  private viewer(principal: Principal) {
    return actorsFor(principal)[0] ?? { personId: principal.personId, role: 'auditor' as const, organisationId: null };
  }

  /**
   * The view's `allowed` list is the union over the caller's roles; CDG-only notes are shown as the
   * case `now` lets this person read them, whatever state is shown.
   */
  private view(principal: Principal, snapshot: DisputeSnapshot, at: string, now: DisputeContext): DisputeView {
    const seesCdg = maySeeCdgMaterial(now, principal);
    const actors = actorsFor(principal);
    const views = actors.map((a) => disputeView(snapshot, a, at, seesCdg));
    const first = views[0] ?? disputeView(snapshot, this.viewer(principal), at, seesCdg);
    return { ...this.withNames(first), allowed: [...new Set(views.flatMap((v) => v.allowed))] };
  }

  /** Who added each note and piece of evidence, by name beside the id. */
  private withNames(view: DisputeView): DisputeView {
    const byName = <T extends { readonly byPersonId: string }>(item: T) => ({ ...item, byPersonName: this.names.person(item.byPersonId) });
    return { ...view, notes: view.notes.map(byName), evidence: view.evidence.map(byName) };
  }

  async get(principal: Principal, caseId: string): Promise<DisputeCaseView> {
    const loaded = await this.repository.load(caseId);
    if (!loaded || !maySeeCase(loaded.snapshot.context, principal)) throw new NotFoundError(`No dispute ${caseId}.`, 'DISPUTE.NOT_FOUND');
    const now = loaded.snapshot;
    return { ...this.view(principal, now, this.clock.now().toISOString(), now.context), revision: loaded.revision, position: loaded.position };
  }

  /** With `asOf` and/or `asOfPosition`: only the events up to then (both, when both are given), and the state the case was in. */
  async history(principal: Principal, caseId: string, asOf?: string, asOfPosition?: bigint) {
    const loaded = await this.repository.load(caseId);
    if (!loaded || !maySeeCase(loaded.snapshot.context, principal)) throw new NotFoundError(`No dispute ${caseId}.`, 'DISPUTE.NOT_FOUND');
    const recorded = await this.repository.readEvents(caseId);
    const readable = (events: RecordedEvent[]) => this.readable(loaded.snapshot.context, principal, events).map((e) => toEntry(e, this.names));
    if (asOf === undefined && asOfPosition === undefined) return { id: caseId, events: readable(recorded) };
    const upTo = recorded.filter((e) => (asOf === undefined || readMetadata(e.metadata).occurredAt <= asOf) && (asOfPosition === undefined || e.position <= asOfPosition));
    const snapshot = upTo.reduce((s, e) => applyDisputeEvent(s, toDisputeMachineEvent(e)), initialDisputeSnapshot());
    // The state is shown at the later of the two bounds that still holds: the instant asked for, or the last event's time.
    const at = asOf ?? (upTo.length > 0 ? readMetadata(upTo.at(-1)!.metadata).occurredAt : this.clock.now().toISOString());
    return {
      id: caseId,
      ...(asOf !== undefined && { asOf }),
      ...(asOfPosition !== undefined && { asOfPosition }),
      events: readable(upTo),
      ...(upTo.length > 0 ? { state: this.view(principal, snapshot, at, loaded.snapshot.context) } : {}),
    };
  }

  /**
   * The state after each event, from the same machine and upcasting as the live case. `allowed`
   * is for the part asked for (`as`: who stood in it at that step), else for the caller.
   */
  async replay(principal: Principal, caseId: string, as?: CasePart) {
    const loaded = await this.repository.load(caseId);
    if (!loaded || !maySeeCase(loaded.snapshot.context, principal)) throw new NotFoundError(`No dispute ${caseId}.`, 'DISPUTE.NOT_FOUND');
    if (!principal.roles.some((r) => r === 'auditor' || r === 'secretariat')) {
      throw new ForbiddenError('Only auditors and the secretariat replay a case.');
    }
    const recorded = await this.repository.readEvents(caseId);
    return { id: caseId, ...(as !== undefined && { as }), steps: this.steps(principal, loaded.snapshot.context, recorded, as) };
  }

  /**
   * What a case bundle holds for this principal: every event as stored, those it may not read
   * marked (CDG-only material: the bundle keeps only their place and seal), and the steps of the
   * ones it may read, with the case as it stood after each. Whoever may read the case may have it.
   */
  async record(principal: Principal, caseId: string) {
    const loaded = await this.repository.load(caseId);
    if (!loaded || !maySeeCase(loaded.snapshot.context, principal)) throw new NotFoundError(`No dispute ${caseId}.`, 'DISPUTE.NOT_FOUND');
    const recorded = await this.repository.readEvents(caseId);
    const readable = new Set(this.readable(loaded.snapshot.context, principal, recorded));
    return {
      id: caseId,
      events: recorded.map((event) => ({ event, readable: readable.has(event) })),
      steps: this.steps(principal, loaded.snapshot.context, recorded),
      now: this.view(principal, loaded.snapshot, this.clock.now().toISOString(), loaded.snapshot.context),
    };
  }

  private steps(principal: Principal, now: DisputeContext, recorded: RecordedEvent[], as?: CasePart) {
    let snapshot = initialDisputeSnapshot();
    const after = recorded.map((e) => {
      snapshot = applyDisputeEvent(snapshot, toDisputeMachineEvent(e));
      return { event: e, snapshot, at: readMetadata(e.metadata).occurredAt };
    });
    // A state the machine only passes through within one write (closing) is never shown: such a
    // step shows where that write left the case.
    const shown = (i: number): DisputeSnapshot => {
      let j = i;
      while (j + 1 < after.length && isPassingState(stateNameOf(after[j]!.snapshot))) j++;
      return after[j]!.snapshot;
    };
    const readable = new Set(this.readable(now, principal, recorded));
    return after.flatMap(({ event, at }, i) => {
      if (!readable.has(event)) return [];
      const state = shown(i);
      const view = this.view(principal, state, at, now);
      const allowed = as === undefined ? view.allowed : allowedForPart(state, as, at);
      return [{ event: toEntry(event, this.names), state: stateNameOf(state), stage: stageOfSnapshot(state), view: { ...view, allowed } }];
    });
  }

  /** The events this principal may read: CDG-only material is left out for anyone who may not see it. */
  private readable(c: DisputeContext, principal: Principal, events: RecordedEvent[]): RecordedEvent[] {
    return maySeeCdgMaterial(c, principal) ? events : events.filter((e) => !isCdgMaterial(e));
  }
}

import { ForbiddenError, NotFoundError } from '#core';
import { type Actor, applyDisputeEvent, disputeView, initialDisputeSnapshot, stageOfSnapshot, stateNameOf, type DisputeView } from '#domain';
import { type EventStore, type RecordedEvent } from '#event-store';
import { type Clock } from '../clock.js';
import { type DirectoryNames } from '../directory/directory-names.js';
import { readMetadata } from '../event-metadata.js';
import { type DisputeCaseView, type HistoryEntry } from '../messages.js';
import { type Principal } from '../principal.js';
import { toDisputeMachineEvent } from '../recorded-events.js';
import { disputeStream } from '../streams.js';
import { actorsFor } from './actor-selection.js';
import { maySeeCase } from './case-access.js';
import { type DisputeRepository } from './dispute-repository.js';

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
export class DisputeQueries {
  constructor(
    private readonly store: EventStore,
    private readonly repository: DisputeRepository,
    private readonly clock: Clock,
    private readonly names: DirectoryNames,
  ) {}

  private viewer(principal: Principal) {
    return actorsFor(principal)[0] ?? { personId: principal.personId, role: 'auditor' as const, organisationId: null };
  }

  /** The view's `allowed` list is the union over the caller's roles. */
  private view(principal: Principal, snapshot: Parameters<typeof disputeView>[0], at: string): DisputeView {
    const actors = actorsFor(principal);
    const views = actors.map((a) => disputeView(snapshot, a, at));
    const first = views[0] ?? disputeView(snapshot, this.viewer(principal), at);
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
    return { ...this.view(principal, loaded.snapshot, this.clock.now().toISOString()), revision: loaded.revision, position: loaded.position };
  }

  async history(principal: Principal, caseId: string, asOf?: string) {
    const loaded = await this.repository.load(caseId);
    if (!loaded || !maySeeCase(loaded.snapshot.context, principal)) throw new NotFoundError(`No dispute ${caseId}.`, 'DISPUTE.NOT_FOUND');
    const recorded = await this.store.readStream(disputeStream(caseId));
    const entry = (e: RecordedEvent) => toEntry(e, this.names);
    if (asOf === undefined) return { id: caseId, events: recorded.map(entry) };
    const upTo = recorded.filter((e) => readMetadata(e.metadata).occurredAt <= asOf);
    const snapshot = upTo.reduce((s, e) => applyDisputeEvent(s, toDisputeMachineEvent(e)), initialDisputeSnapshot());
    return {
      id: caseId,
      asOf,
      events: upTo.map(entry),
      ...(upTo.length > 0 ? { state: this.view(principal, snapshot, asOf) } : {}),
    };
  }

  async replay(principal: Principal, caseId: string) {
    const loaded = await this.repository.load(caseId);
    if (!loaded || !maySeeCase(loaded.snapshot.context, principal)) throw new NotFoundError(`No dispute ${caseId}.`, 'DISPUTE.NOT_FOUND');
    if (!principal.roles.some((r) => r === 'auditor' || r === 'secretariat')) {
      throw new ForbiddenError('Only auditors and the secretariat replay a case.');
    }
    const recorded = await this.store.readStream(disputeStream(caseId));
    let snapshot = initialDisputeSnapshot();
    const steps = recorded.map((e) => {
      snapshot = applyDisputeEvent(snapshot, toDisputeMachineEvent(e));
      const at = readMetadata(e.metadata).occurredAt;
      return { event: toEntry(e, this.names), state: stateNameOf(snapshot), stage: stageOfSnapshot(snapshot), view: this.view(principal, snapshot, at) };
    });
    return { id: caseId, steps };
  }
}

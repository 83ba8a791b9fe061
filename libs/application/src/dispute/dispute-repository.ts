import { Inject, Injectable } from '@nestjs/common';
import { applyDisputeEvent, type DisputeSnapshot, initialDisputeSnapshot } from '#domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';
import { disputeStream, readMetadata, toDisputeMachineEvent } from '#events';

export interface LoadedCase {
  readonly caseId: string;
  readonly snapshot: DisputeSnapshot;
  readonly revision: bigint;
  /** Global position of the stream's last event. */
  readonly position: bigint;
  /**
   * Commands already applied to this stream, with the revision and position they ended at. One
   * map per cached case, only ever added to (a command applied stays applied), so a new command
   * adds one entry instead of copying a map as long as the case.
   */
  readonly commands: ReadonlyMap<string, { readonly revision: bigint; readonly position: bigint }>;
}

type CommandMap = Map<string, { readonly revision: bigint; readonly position: bigint }>;

const CACHE_LIMIT = 5_000;

/**
 * Loads a case by folding its stream through the machine. Folded states are cached by stream
 * revision: a load reads only the events after the cached revision, and the cache can be dropped
 * at any time.
 */
@Injectable()
export class DisputeRepository {
  private readonly cache = new Map<string, LoadedCase>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The case's stored events, in order (what history and replay read). */
  readEvents(caseId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(disputeStream(caseId));
  }

  async load(caseId: string): Promise<LoadedCase | null> {
    const cached = this.cache.get(caseId);
    const events = await this.store.readStream(disputeStream(caseId), {
      fromRevision: cached ? cached.revision + 1n : 0n,
    });
    if (!cached && events.length === 0) return null;
    const loaded = events.length === 0 && cached ? cached : this.fold(caseId, cached, events);
    this.remember(loaded);
    return loaded;
  }

  /** The case as this process last knew it, without reading the stream (undefined: not known here). */
  cached(caseId: string): LoadedCase | undefined {
    return this.cache.get(caseId);
  }

  /** After a successful append the new state is already known: keep it without reading back. */
  remember(loaded: LoadedCase): void {
    this.cache.delete(loaded.caseId);
    this.cache.set(loaded.caseId, loaded);
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
  }

  /** The case after an append of ours at `revision`, recorded under `commandId`. */
  rememberAppended(before: LoadedCase | null, caseId: string, snapshot: LoadedCase['snapshot'], revision: bigint, position: bigint, commandId: string): void {
    const commands = (before?.commands as CommandMap | undefined) ?? new Map();
    commands.set(commandId, { revision, position });
    this.remember({ caseId, snapshot, revision, position, commands });
  }

  forget(caseId: string): void {
    this.cache.delete(caseId);
  }

  private fold(caseId: string, from: LoadedCase | undefined, events: RecordedEvent[]): LoadedCase {
    let snapshot = from?.snapshot ?? initialDisputeSnapshot();
    const commands = (from?.commands as CommandMap | undefined) ?? new Map();
    let revision = from?.revision ?? -1n;
    let position = from?.position ?? 0n;
    for (const event of events) {
      snapshot = applyDisputeEvent(snapshot, toDisputeMachineEvent(event));
      revision = event.revision;
      position = event.position;
      const commandId = readMetadata(event.metadata).commandId;
      if (commandId) commands.set(commandId, { revision, position });
    }
    return { caseId, snapshot, revision, position, commands };
  }
}

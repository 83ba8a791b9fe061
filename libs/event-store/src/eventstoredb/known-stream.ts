import { DuplicateEventIdError, type AppendResult, type EventToAppend, type RecordedEvent } from '../event-store.port.js';

interface Place {
  readonly revision: bigint;
  readonly position: bigint;
}

/**
 * What the adapter knows of one stream, read from the store: every event id with its revision and
 * position, and the last event. The server checks only that a stream is still at the revision an
 * append expects; this index is what recognises a retried batch (and a batch that reuses stored
 * ids wrongly) whatever the caller's expectation, as the port promises, and it is where a
 * per-stream seal (the audit hash chain) finds the previous event before the append.
 */
export class KnownStream {
  private readonly places = new Map<string, Place>();
  private readonly idsByRevision = new Map<bigint, string>();
  private lastEvent: RecordedEvent | null = null;

  /** The last revision, null while the stream does not exist. */
  get revision(): bigint | null {
    return this.lastEvent?.revision ?? null;
  }

  get last(): RecordedEvent | null {
    return this.lastEvent;
  }

  /** The revision the next read must start from to learn only what is new. */
  get nextRevision(): bigint {
    return (this.revision ?? -1n) + 1n;
  }

  /** Adds an event read from the stream; events already known (a concurrent refresh) are ignored. */
  add(event: RecordedEvent): void {
    if (this.lastEvent !== null && event.revision <= this.lastEvent.revision) return;
    this.places.set(event.id, { revision: event.revision, position: event.position });
    this.idsByRevision.set(event.revision, event.id);
    this.lastEvent = event;
  }

  placeOf(eventId: string): Place | undefined {
    return this.places.get(eventId);
  }

  /**
   * The port's idempotency, as the SQLite adapter has it for one stream: when the batch's first id
   * is stored here and the whole batch lies at consecutive revisions from it, the append already
   * happened, so its original result is the answer. Any other overlap with stored ids is refused.
   */
  originalResultOfRetry(events: readonly EventToAppend[]): AppendResult | null {
    const first = events[0];
    if (first === undefined) return null;
    const start = this.places.get(first.id);
    if (start === undefined) {
      const reused = events.find((event) => this.places.has(event.id));
      if (reused !== undefined) throw new DuplicateEventIdError(reused.id);
      return null;
    }
    events.forEach((event, i) => {
      if (this.idsByRevision.get(start.revision + BigInt(i)) !== event.id) throw new DuplicateEventIdError(first.id);
    });
    const last = this.places.get((events.at(-1) as EventToAppend).id) as Place;
    return { nextExpectedRevision: last.revision, position: last.position };
  }
}

/** A least-recently-used map of known streams, so memory stays bounded however many cases there are. */
export class KnownStreams {
  private readonly streams = new Map<string, KnownStream>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('The stream cache holds at least one stream');
  }

  get(streamId: string): KnownStream {
    const known = this.streams.get(streamId) ?? new KnownStream();
    this.streams.delete(streamId);
    this.streams.set(streamId, known);
    if (this.streams.size > this.capacity) this.streams.delete(this.streams.keys().next().value as string);
    return known;
  }

  forget(streamId: string): void {
    this.streams.delete(streamId);
  }
}

/** The same id twice in one batch can never be stored (ids are unique in a stream). */
export function assertDistinctIds(events: readonly EventToAppend[]): void {
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.id)) throw new DuplicateEventIdError(event.id);
    seen.add(event.id);
  }
}

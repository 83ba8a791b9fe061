import { type JsonObject } from '#core';

/**
 * The one port every event store adapter implements. Its semantics are EventStoreDB's, so the
 * KurrentDB adapter fits without changing any caller: expected-state checks on append,
 * idempotent event ids, bigint revisions (0-based per stream) and positions (global order).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface EventToAppend {
  /** A UUID. Appending the same ids to the same stream again is a no-op that answers the first result. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  /** Stored with the audit seal added (`previousHash`, `hash`: audit/event-seal.ts); a seal it comes with is made again. */
  readonly metadata: JsonObject;
}

export interface RecordedEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event appended. */
  readonly position: bigint;
}

export interface ReadStreamOptions {
  /** Inclusive; defaults to 0n. */
  readonly fromRevision?: bigint;
  readonly limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position, so a checkpoint can be passed as it is. */
  readonly after?: bigint;
  readonly limit?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint; omitted means from the very start of the log. */
  readonly after?: bigint;
}

/** Catches up from the checkpoint, then follows live appends; iteration ends after unsubscribe(). */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  unsubscribe(): Promise<void>;
}

/** Where the audit hash chain began in this store (see audit/event-seal.ts). */
export interface ChainOrigin {
  /**
   * Events already stored when the upgrade that brought the chain ran were sealed then, not when
   * they were written: tampering before that moment cannot show. null when every event was sealed
   * as it was appended.
   */
  readonly sealedByUpgrade: { readonly throughPosition: bigint; readonly events: number; readonly at: string } | null;
}

export interface EventStore {
  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream in revision order; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** A batch of the global log in position order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the last event in the log, 0n when empty. */
  headPosition(): Promise<bigint>;
  subscribeToAll(options?: SubscribeOptions): EventSubscription;
  /** True when positions run 1, 2, 3… with no gaps (SQLite's rowid), so a gap is an event removed behind the store's back. */
  readonly densePositions?: boolean;
  /** Where the audit hash chain began; a store without one sealed every event on append. */
  chainOrigin?(): Promise<ChainOrigin>;
  /** Cheap round trip used by readiness checks. */
  ping(): Promise<void>;
  /**
   * Readiness: resolves while the store takes writes, rejects with EventStoreFullError while it has
   * no room (after an append failed for want of space, until one can be written again). Optional:
   * a store without it is taken to be writable whenever it answers ping().
   */
  checkWritable?(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or null when it does not exist. */
    readonly actual: bigint | null,
  ) {
    super(`Stream ${streamId}: expected ${String(expected)}, actual ${actual === null ? 'no stream' : String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The same event id was appended with different content or into a different place. */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} is already in the store at another place`);
    this.name = 'DuplicateEventIdError';
  }
}

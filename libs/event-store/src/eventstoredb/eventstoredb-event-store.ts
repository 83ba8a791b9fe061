import {
  type AllStreamResolvedEvent,
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  excludeSystemEvents,
  type Filter,
  type ReadPosition,
  type ResolvedEvent,
  START,
  streamNameFilter,
} from '@eventstore/db-client';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventSubscription,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from '../event-store.port.js';
import { EventStoreClosedError } from '../event-store-closed.error.js';
import { expectationHolds, limitOf } from '../expectation.js';
import { clientConnectionString } from './connection-string.js';
import { clientErrorType, translateError } from './error-translation.js';
import { fromResolvedEvent, type Conversion } from './event-serialisation.js';
import { assertDistinctIds, type KnownStream, KnownStreams } from './known-stream.js';
import { clientPosition } from './positions.js';
import { sealedEventData } from './sealed-append.js';
import { ReconnectionPolicy, type ReconnectionPolicyOptions } from './reconnection-policy.js';
import { ResilientSubscription, type SubscriptionDrop } from './eventstoredb-subscription.js';

export interface EventStoreDbEventStoreOptions {
  /** `esdb://`, `kurrentdb://` or their `+discover` forms; see connection-string.ts. */
  readonly connectionString: string;
  /**
   * Put before every stream name in the store and required of every event read back: keeps one
   * deployment's streams apart from others on a shared cluster (and each test run's on a shared
   * test server). Empty by default.
   */
  readonly streamPrefix?: string;
  readonly reconnection?: ReconnectionPolicyOptions;
  /** Told of every dropped subscription before it reconnects (the app logs it). */
  readonly onSubscriptionDropped?: (drop: SubscriptionDrop) => void;
  /** Streams whose ids are kept in memory for idempotency checks. */
  readonly knownStreams?: number;
}

const DEFAULT_READ_ALL_LIMIT = 1_000;
/** Raw $all page size when skipping events that are not the engine's. */
const PAGE = 500;
/** Re-reads after another writer moved the stream between our check and our append. */
const MAX_APPEND_ATTEMPTS = 25;
const DEFAULT_KNOWN_STREAMS = 2_000;

const isStreamNotFound = (error: unknown): boolean => clientErrorType(error) === ErrorType.STREAM_NOT_FOUND;

/**
 * The event store on EventStoreDB / KurrentDB through @eventstore/db-client (gRPC).
 *
 * An append reads what is new in the stream since the adapter last looked (usually nothing), checks
 * idempotency and the caller's expectation against it, and then appends at that exact revision, so
 * the server's optimistic concurrency guarantees that nothing came in between. When something did,
 * it reads again and decides again. Positions are commit positions (positions.ts). Reads of $all
 * and subscriptions hand on only the engine's events: no system events, no links, nothing outside
 * the stream prefix.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly prefix: string;
  private readonly known: KnownStreams;
  private readonly subscriptions = new Set<ResilientSubscription>();
  private closed = false;

  constructor(private readonly options: EventStoreDbEventStoreOptions) {
    this.prefix = options.streamPrefix ?? '';
    if (this.prefix.startsWith('$')) throw new RangeError('A stream prefix must not start with $ (system streams)');
    this.known = new KnownStreams(options.knownStreams ?? DEFAULT_KNOWN_STREAMS);
    this.client = EventStoreDBClient.connectionString(clientConnectionString(options.connectionString));
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertDistinctIds(events);
    for (let attempt = 1; ; attempt++) {
      const known = await this.refresh(streamId);
      const retried = known.originalResultOfRetry(events);
      if (retried !== null) return retried;
      const actual = known.revision;
      if (!expectationHolds(expected, actual)) throw new WrongExpectedRevisionError(streamId, expected, actual);
      if (events.length === 0) return { nextExpectedRevision: actual ?? -1n, position: known.last?.position ?? 0n };

      const proposed = sealedEventData(streamId, known, events);
      try {
        await this.client.appendToStream(this.nameOf(streamId), proposed, { expectedRevision: actual ?? 'no_stream' });
      } catch (error) {
        // Another writer got in between our read and our append: read again and decide again.
        if (clientErrorType(error) === ErrorType.WRONG_EXPECTED_VERSION && attempt < MAX_APPEND_ATTEMPTS) continue;
        throw translateError(error, { streamId, expected });
      }
      // The answer is the position of the batch's last event as $all orders it: read it back
      // (this also brings the index up to date for the next append).
      const written = (await this.refresh(streamId)).originalResultOfRetry(events);
      if (written === null) throw new Error(`Appended to ${streamId} but the events are not in the stream`);
      return written;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = limitOf(options.limit, Number.MAX_SAFE_INTEGER);
    if (limit === 0) return [];
    return this.readStreamFrom(streamId, options.fromRevision ?? 0n, limit);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = limitOf(options.limit, DEFAULT_READ_ALL_LIMIT);
    const after = options.after ?? 0n;
    const found: RecordedEvent[] = [];
    if (limit === 0) return found;
    // The server reads from a position inclusively and knows nothing of our prefix: page through
    // $all, keeping the engine's events strictly after the cursor.
    let cursor = after;
    for (;;) {
      const page = await this.collect(this.client.readAll({ fromPosition: readPositionAfter(cursor), maxCount: PAGE }));
      for (const resolved of page) {
        const position = rawPosition(resolved);
        if (position === null || position <= cursor) continue;
        cursor = position;
        const conversion = this.convert(resolved);
        if (!conversion.ok) continue;
        found.push(conversion.event);
        if (found.length === limit) return found;
      }
      if (page.length < PAGE) return found;
    }
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    // Backwards from the end to the engine's last event (system events may come after it).
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.collect(this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: PAGE }));
      for (const resolved of page) {
        const conversion = this.convert(resolved);
        if (conversion.ok) return conversion.event.position;
      }
      const last = page.at(-1);
      const position = last === undefined ? null : rawPosition(last);
      if (page.length < PAGE || position === null) return 0n;
      from = clientPosition(position);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): EventSubscription {
    const filter: Filter = this.prefix === '' ? excludeSystemEvents() : streamNameFilter({ prefixes: [this.prefix] });
    const subscription = new ResilientSubscription(
      {
        open: (after) => this.client.subscribeToAll({ fromPosition: readPositionAfter(after), filter }),
        convert: (resolved) => this.convert(resolved),
        policy: new ReconnectionPolicy(this.options.reconnection),
        ...(this.options.onSubscriptionDropped && { onDropped: this.options.onSubscriptionDropped }),
        onStop: (stopped) => this.subscriptions.delete(stopped),
      },
      options.after ?? 0n,
    );
    if (this.closed) subscription.stop();
    else this.subscriptions.add(subscription);
    return subscription;
  }

  /** One read of the end of $all: it needs the connection and the right to read $all, as subscriptions do. */
  async ping(): Promise<void> {
    this.assertOpen();
    await this.collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
  }

  /** Ends subscriptions and closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscription of [...this.subscriptions]) subscription.stop();
    await this.client.dispose();
  }

  /** Brings the stream's index up to date: reads only the events after those already known. */
  private async refresh(streamId: string): Promise<KnownStream> {
    const known = this.known.get(streamId);
    for (const event of await this.readStreamFrom(streamId, known.nextRevision, Number.MAX_SAFE_INTEGER)) known.add(event);
    return known;
  }

  private async readStreamFrom(streamId: string, fromRevision: bigint, limit: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(this.nameOf(streamId), { fromRevision, maxCount: limit })) {
        const conversion = this.convert(resolved);
        if (!conversion.ok) throw new Error(`Stream ${streamId} holds an event this engine cannot read: ${conversion.reason}`);
        events.push(conversion.event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw translateError(error);
    }
    return events;
  }

  private async collect<T>(read: AsyncIterable<T>): Promise<T[]> {
    const items: T[] = [];
    try {
      for await (const item of read) items.push(item);
    } catch (error) {
      throw translateError(error);
    }
    return items;
  }

  private convert(resolved: ResolvedEvent | AllStreamResolvedEvent): Conversion {
    return fromResolvedEvent(resolved, (name) => (name.startsWith(this.prefix) ? name.slice(this.prefix.length) : null));
  }

  private nameOf(streamId: string): string {
    return `${this.prefix}${streamId}`;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

function readPositionAfter(position: bigint): ReadPosition {
  return position === 0n ? START : clientPosition(position);
}

/** Where a resolved event of $all sits, also for one we do not hand on. */
function rawPosition(resolved: AllStreamResolvedEvent): bigint | null {
  return resolved.event?.position.commit ?? resolved.commitPosition ?? null;
}

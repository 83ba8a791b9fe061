import { type AllStreamResolvedEvent } from '@eventstore/db-client';
import { type EventSubscription, type RecordedEvent } from '../event-store.port.js';
import { type Conversion } from './event-serialisation.js';
import { type ReconnectionPolicy } from './reconnection-policy.js';

/** What the adapter needs of the client's catch-up subscription to $all. */
export interface ClientSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
  destroy?(): void;
}

export interface SubscriptionDrop {
  readonly error: unknown;
  /** Failed attempts in a row, this one included. */
  readonly attempt: number;
  readonly retryInMs: number;
}

export interface ResilientSubscriptionOptions {
  /** Opens the client's subscription strictly after a checkpoint (0n: from the start of the log). */
  readonly open: (after: bigint) => ClientSubscription;
  readonly convert: (resolved: AllStreamResolvedEvent) => Conversion;
  readonly policy: ReconnectionPolicy;
  readonly onDropped?: (drop: SubscriptionDrop) => void;
  readonly onStop?: (subscription: ResilientSubscription) => void;
  /** Waits before a reconnection; a timer by default. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const STOPPED = Symbol('stopped');

const timer = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * A catch-up subscription to $all that outlives connections: when the client's subscription fails
 * or ends (server restart, leader change, network), it waits as the policy says and re-subscribes
 * from the last event it handed on. Events at or before that checkpoint (a replay after
 * reconnecting) and events that are not the engine's (system events, links, other prefixes) are
 * dropped here, so the consumer sees each of its events once, in order.
 */
export class ResilientSubscription implements EventSubscription {
  private stopped = false;
  private current: ClientSubscription | null = null;
  private signalStop!: () => void;
  private readonly stopSignal = new Promise<typeof STOPPED>((resolve) => {
    this.signalStop = () => resolve(STOPPED);
  });
  private readonly events: AsyncGenerator<RecordedEvent, void, undefined>;

  constructor(
    private readonly options: ResilientSubscriptionOptions,
    after: bigint,
  ) {
    this.events = this.follow(after);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  async unsubscribe(): Promise<void> {
    this.stop();
  }

  /** Ends iteration: a pending next() resolves done at once, and so does every later one. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.signalStop();
    this.release();
    this.options.onStop?.(this);
  }

  private release(): void {
    const source = this.current;
    this.current = null;
    if (source === null) return;
    source.unsubscribe().catch(() => undefined);
    source.destroy?.();
  }

  private async *follow(after: bigint): AsyncGenerator<RecordedEvent, void, undefined> {
    let checkpoint = after;
    try {
      while (!this.stopped) {
        let failure: unknown = new Error('The subscription ended');
        let source: ClientSubscription | null = null;
        try {
          source = this.options.open(checkpoint);
          this.current = source;
          const iterator = source[Symbol.asyncIterator]();
          for (;;) {
            const pending = iterator.next();
            // Stop may win the race; the client's promise must not then reject unobserved.
            pending.catch(() => undefined);
            const next = await Promise.race([pending, this.stopSignal]);
            if (next === STOPPED || this.stopped) return;
            if (next.done) break;
            const conversion = this.options.convert(next.value);
            if (!conversion.ok || conversion.event.position <= checkpoint) continue;
            this.options.policy.reset();
            checkpoint = conversion.event.position;
            yield conversion.event;
            if (this.stopped) return;
          }
        } catch (error) {
          failure = error;
        } finally {
          if (source !== null && this.current === source) this.release();
        }
        if (this.stopped) return;
        const retryInMs = this.options.policy.nextDelayMs();
        this.options.onDropped?.({ error: failure, attempt: this.options.policy.attempts, retryInMs });
        await Promise.race([(this.options.sleep ?? timer)(retryInMs), this.stopSignal]);
      }
    } finally {
      // Reached on unsubscribe, on store close, and when the consumer breaks out of for-await.
      this.stop();
    }
  }
}

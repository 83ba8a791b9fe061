import { type AllStreamResolvedEvent, jsonEvent, UnavailableError } from '@eventstore/db-client';
import { type RecordedEvent } from '../event-store.port.js';
import { fromResolvedEvent } from './event-serialisation.js';
import { type ClientSubscription, ResilientSubscription, type SubscriptionDrop } from './eventstoredb-subscription.js';
import { ReconnectionPolicy } from './reconnection-policy.js';
import { recordedOnServer } from './testing/recorded-on-server.js';

const at = (position: bigint, streamId = 'dispute-1', type = 'Happened'): AllStreamResolvedEvent =>
  recordedOnServer({ streamId, revision: position, position, event: jsonEvent({ type, data: { position: Number(position) } }) });

/** What a client subscription does: deliver what the server sent, then fail with the client's error, or wait. */
function session(events: readonly AllStreamResolvedEvent[], ending: 'fail' | 'end' | 'wait'): ClientSubscription & { unsubscribed: boolean } {
  const handle = {
    unsubscribed: false,
    async unsubscribe() {
      handle.unsubscribed = true;
    },
    async *[Symbol.asyncIterator]() {
      for (const event of events) yield event;
      if (ending === 'fail') throw new UnavailableError();
      if (ending === 'wait') await new Promise(() => undefined);
    },
  };
  return handle;
}

async function take(subscription: ResilientSubscription, count: number): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  for await (const event of subscription) {
    seen.push(event);
    if (seen.length === count) break;
  }
  return seen;
}

describe('ResilientSubscription', () => {
  it('re-subscribes from its checkpoint after a dropped connection, backing off, and hands on each event once', async () => {
    const opened: bigint[] = [];
    const sessions = [
      session([at(10n), at(20n)], 'fail'),
      session([], 'fail'), // the server is still away
      session([at(20n), at(30n)], 'wait'), // a replay of 20 after reconnecting
    ];
    const drops: SubscriptionDrop[] = [];
    const waits: number[] = [];
    const subscription = new ResilientSubscription(
      {
        open: (after) => {
          opened.push(after);
          return sessions[opened.length - 1] ?? session([], 'wait');
        },
        convert: (resolved) => fromResolvedEvent(resolved, (name) => name),
        policy: new ReconnectionPolicy({ initialDelayMs: 100, maxDelayMs: 1_000, jitter: 0 }),
        onDropped: (drop) => drops.push(drop),
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
      0n,
    );
    const events = await take(subscription, 3);
    expect(events.map((e) => e.position)).toEqual([10n, 20n, 30n]);
    expect(opened).toEqual([0n, 20n, 20n]);
    expect(waits).toEqual([100, 200]);
    expect(drops.map((d) => [d.attempt, d.retryInMs, (d.error as Error).constructor.name])).toEqual([
      [1, 100, 'UnavailableError'],
      [2, 200, 'UnavailableError'],
    ]);
    expect(sessions.every((s) => s.unsubscribed)).toBe(true);
  });

  it('treats a subscription that cannot even be opened as a drop, and tries again', async () => {
    let opens = 0;
    const drops: SubscriptionDrop[] = [];
    const subscription = new ResilientSubscription(
      {
        open: () => {
          opens += 1;
          if (opens === 1) throw new UnavailableError();
          return session([at(3n)], 'wait');
        },
        convert: (resolved) => fromResolvedEvent(resolved, (name) => name),
        policy: new ReconnectionPolicy({ initialDelayMs: 10, jitter: 0 }),
        onDropped: (drop) => drops.push(drop),
        sleep: async () => undefined,
      },
      0n,
    );
    expect((await take(subscription, 1)).map((e) => e.position)).toEqual([3n]);
    expect(drops).toHaveLength(1);
  });

  it('starts the back-off again once events flow', async () => {
    const waits: number[] = [];
    let opens = 0;
    const subscription = new ResilientSubscription(
      {
        open: () => [session([], 'fail'), session([at(1n)], 'fail'), session([at(2n)], 'wait')][opens++] ?? session([], 'wait'),
        convert: (resolved) => fromResolvedEvent(resolved, (name) => name),
        policy: new ReconnectionPolicy({ initialDelayMs: 100, maxDelayMs: 1_000, jitter: 0 }),
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
      0n,
    );
    expect((await take(subscription, 2)).map((e) => e.position)).toEqual([1n, 2n]);
    expect(waits).toEqual([100, 100]);
  });

  it('skips system events, and events at or before the checkpoint it was given', async () => {
    const subscription = new ResilientSubscription(
      {
        open: () => session([at(5n), at(6n, '$stats-node', '$statsCollected'), at(7n), at(8n, 'dispute-2', '$metadata'), at(9n)], 'wait'),
        convert: (resolved) => fromResolvedEvent(resolved, (name) => name),
        policy: new ReconnectionPolicy(),
      },
      5n,
    );
    expect((await take(subscription, 2)).map((e) => e.position)).toEqual([7n, 9n]);
  });

  it('ends a pending next() when unsubscribed, and leaves the client subscription closed', async () => {
    const source = session([], 'wait');
    const subscription = new ResilientSubscription(
      { open: () => source, convert: (resolved) => fromResolvedEvent(resolved, (name) => name), policy: new ReconnectionPolicy() },
      0n,
    );
    const iterator = subscription[Symbol.asyncIterator]();
    const pending = iterator.next();
    await new Promise((resolve) => setImmediate(resolve));
    await subscription.unsubscribe();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
    expect(source.unsubscribed).toBe(true);
  });

  it('stops waiting to reconnect when unsubscribed during the back-off', async () => {
    let release!: () => void;
    const subscription = new ResilientSubscription(
      {
        open: () => session([], 'fail'),
        convert: (resolved) => fromResolvedEvent(resolved, (name) => name),
        policy: new ReconnectionPolicy(),
        onDropped: () => release(),
        sleep: () => new Promise(() => undefined), // a wait that would never end by itself
      },
      0n,
    );
    const dropped = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pending = subscription[Symbol.asyncIterator]().next();
    await dropped;
    await subscription.unsubscribe();
    await expect(pending).resolves.toMatchObject({ done: true });
  });
});

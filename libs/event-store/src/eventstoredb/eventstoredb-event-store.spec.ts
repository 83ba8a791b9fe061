import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '../../../../test/contract/event-store.contract.js';
import { type EventToAppend } from '../event-store.port.js';
import { EventStoreClosedError } from '../event-store-closed.error.js';
import { EventStoreUnavailableError } from '../event-store-errors.js';
import { redactedConnectionString } from './connection-string.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import { type SubscriptionDrop } from './eventstoredb-subscription.js';
import { closedPort } from './testing/closed-port.js';

const event = (): EventToAppend => ({ id: randomUUID(), type: 'Tested', data: {}, metadata: {} });
const server = process.env['EVENTSTORE_CONNECTION_STRING']?.trim();

// The contract needs a server; CI has none. Registered only when one is named, and said plainly
// when not: a passing placeholder test would count as a run that never happened.
if (server) {
  describeEventStoreContract(
    `EventStoreDB at ${redactedConnectionString(server)}`,
    async () => {
      const store = new EventStoreDbEventStore({ connectionString: server });
      return { store, cleanup: () => store.close() };
    },
    { eventIdScope: 'stream' },
  );

  describe('EventStoreDB with a stream prefix', () => {
    it('keeps the engine’s streams under the prefix and sees nothing of other prefixes', async () => {
      const run = randomUUID();
      const mine = new EventStoreDbEventStore({ connectionString: server, streamPrefix: `mine-${run}.` });
      const theirs = new EventStoreDbEventStore({ connectionString: server, streamPrefix: `theirs-${run}.` });
      try {
        const written = await mine.append('dispute-1', [event()], 'no_stream');
        await theirs.append('dispute-1', [event(), event()], 'no_stream');
        expect((await mine.readStream('dispute-1')).map((e) => e.streamId)).toEqual(['dispute-1']);
        expect(await mine.headPosition()).toBe(written.position);
        expect((await mine.readAll()).map((e) => e.position)).toEqual([written.position]);
        const seen = await mine.subscribeToAll()[Symbol.asyncIterator]().next();
        expect(seen.value).toMatchObject({ streamId: 'dispute-1', position: written.position });
      } finally {
        await mine.close();
        await theirs.close();
      }
    });
  });
} else {
  process.stdout.write(
    '\nEventStoreDB suites NOT RUN (event store contract, projection runner): EVENTSTORE_CONNECTION_STRING is not set (e.g. kurrentdb://127.0.0.1:2113?tls=false; see docs/production.md).\n',
  );
}

describe('EventStoreDbEventStore without a server (the real client against a closed port)', () => {
  let store: EventStoreDbEventStore;
  const drops: SubscriptionDrop[] = [];

  beforeEach(async () => {
    drops.length = 0;
    store = new EventStoreDbEventStore({
      connectionString: `kurrentdb://127.0.0.1:${await closedPort()}?tls=false`,
      reconnection: { initialDelayMs: 10, maxDelayMs: 40, jitter: 0 },
      onSubscriptionDropped: (drop) => drops.push(drop),
    });
  });

  afterEach(() => store.close());

  it('reports appends, reads and ping as EventStoreUnavailableError', async () => {
    await expect(store.append('dispute-1', [event()], 'no_stream')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readStream('dispute-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('keeps a subscription trying with growing waits, and ends it on unsubscribe', async () => {
    const subscription = store.subscribeToAll();
    const pending = subscription[Symbol.asyncIterator]().next();
    while (drops.length < 4) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(drops.slice(0, 4).map((d) => [d.attempt, d.retryInMs])).toEqual([
      [1, 10],
      [2, 20],
      [3, 40],
      [4, 40],
    ]);
    await subscription.unsubscribe();
    await expect(pending).resolves.toMatchObject({ done: true });
  });

  it('refuses every call after close, and ends subscriptions', async () => {
    const subscription = store.subscribeToAll();
    const pending = subscription[Symbol.asyncIterator]().next();
    await store.close();
    await expect(pending).resolves.toMatchObject({ done: true });
    await expect(store.append('s', [event()], 'any')).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreClosedError);
    await store.close();
  });

  it('refuses a stream prefix in the system namespace', () => {
    expect(() => new EventStoreDbEventStore({ connectionString: 'esdb://127.0.0.1:1', streamPrefix: '$mine.' })).toThrow(RangeError);
  });
});

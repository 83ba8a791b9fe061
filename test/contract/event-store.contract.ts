import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { type JsonObject } from '#core';
import {
  DuplicateEventIdError,
  eventHash,
  verifyStreamEvents,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventSubscription,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
} from '#event-store';

export interface EventStoreUnderTest {
  readonly store: EventStore;
  readonly cleanup: () => Promise<void>;
}

/** The one place adapters may differ, declared by each rather than guessed by the suite. */
export interface AdapterTraits {
  /**
   * Where an event id must be unique: in the whole log (SQLite keeps a UNIQUE index on it), or in
   * its stream (EventStoreDB checks ids per stream; nothing indexes them across streams).
   */
  readonly eventIdScope: 'log' | 'stream';
}

/**
 * What every EventStore adapter must do, with EventStoreDB's semantics. Each test works in streams
 * of its own and reads the global log only after the head it saw at start, so the suite also runs
 * against a shared server whose log is not empty (and whose positions have gaps).
 */
export function describeEventStoreContract(
  name: string,
  factory: () => Promise<EventStoreUnderTest>,
  traits: AdapterTraits = { eventIdScope: 'log' },
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    let prefix: string;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
      prefix = `contract-${randomUUID()}-`;
    });

    afterEach(async () => {
      await cleanup();
    });

    const stream = (suffix: string): string => `${prefix}${suffix}`;
    const mine = (event: RecordedEvent): boolean => event.streamId.startsWith(prefix);
    const appendOne = async (streamId: string): Promise<string[]> => {
      const e = event();
      await store.append(streamId, [e], 'any');
      return [e.id];
    };

    /** Every event of this test's streams after `after`, paging the log with a small limit. */
    async function readMine(after: bigint, limit = 1_000): Promise<RecordedEvent[]> {
      const seen: RecordedEvent[] = [];
      let checkpoint = after;
      for (;;) {
        const page = await store.readAll({ after: checkpoint, limit });
        const last = page.at(-1);
        if (last === undefined) return seen;
        seen.push(...page.filter(mine));
        checkpoint = last.position;
      }
    }

    describe('append', () => {
      it('creates a stream with no_stream, starting at revision 0n', async () => {
        const result = await store.append(stream('a'), [event()], 'no_stream');
        expect(result.nextExpectedRevision).toBe(0n);
        expect(typeof result.position).toBe('bigint');
        expect(result.position > 0n).toBe(true);
      });

      it('creates a stream with any', async () => {
        const result = await store.append(stream('a'), [event(), event()], 'any');
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('refuses stream_exists on a new stream, with actual null, and writes nothing', async () => {
        const error = await rejection(store.append(stream('a'), [event()], 'stream_exists'));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream('a'), expected: 'stream_exists', actual: null });
        expect(await store.readStream(stream('a'))).toEqual([]);
      });

      it('refuses an exact revision on a new stream', async () => {
        const error = await rejection(store.append(stream('a'), [event()], 0n));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ expected: 0n, actual: null });
      });

      it('accepts any, stream_exists and the exact current revision on an existing stream', async () => {
        const s = stream('a');
        await store.append(s, [event(), event(), event()], 'no_stream');
        expect((await store.append(s, [event()], 2n)).nextExpectedRevision).toBe(3n);
        expect((await store.append(s, [event()], 'stream_exists')).nextExpectedRevision).toBe(4n);
        expect((await store.append(s, [event(), event()], 'any')).nextExpectedRevision).toBe(6n);
      });

      it('refuses no_stream and a wrong exact revision on an existing stream, naming the actual revision', async () => {
        const s = stream('a');
        await store.append(s, [event(), event()], 'no_stream');
        for (const expected of ['no_stream', 0n, 2n, 5n] as ExpectedRevision[]) {
          const error = await rejection(store.append(s, [event()], expected));
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId: s, expected, actual: 1n });
        }
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('gives contiguous bigint revisions from 0n and strictly increasing positions', async () => {
        const s = stream('a');
        const results: AppendResult[] = [];
        results.push(await store.append(s, [event()], 'no_stream'));
        results.push(await store.append(s, [event(), event(), event()], 0n));
        results.push(await store.append(s, [event(), event()], 3n));
        expect(results.map((r) => r.nextExpectedRevision)).toEqual([0n, 3n, 5n]);

        const events = await store.readStream(s);
        expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
        for (const e of events) {
          expect(typeof e.revision).toBe('bigint');
          expect(typeof e.position).toBe('bigint');
          expect(e.recordedAt).toBeInstanceOf(Date);
          expect(Number.isNaN(e.recordedAt.getTime())).toBe(false);
          expect(e.streamId).toBe(s);
        }
        expectStrictlyIncreasing(events.map((e) => e.position));
        // The answer's position is the position of the append's last event.
        expect(events[3]?.position).toBe(results[1]?.position);
        expect(events[5]?.position).toBe(results[2]?.position);
      });

      it('answers an empty append with the current state and writes nothing', async () => {
        const s = stream('a');
        const written = await store.append(s, [event(), event()], 'no_stream');
        const head = await store.headPosition();
        const empty = await store.append(s, [], 1n);
        expect(empty.nextExpectedRevision).toBe(1n);
        expect(await store.headPosition()).toBe(head);
        expect(written.nextExpectedRevision).toBe(1n);
        await expect(store.append(s, [], 0n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(store.append(stream('none'), [], 'stream_exists')).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        expect(await store.readStream(s)).toHaveLength(2);
      });
    });

    describe('idempotency by event id', () => {
      it('answers a retry of the same ids with the original result and writes nothing', async () => {
        const s = stream('a');
        const batch = [event(), event()];
        const first = await store.append(s, batch, 'no_stream');
        const head = await store.headPosition();
        expect(await store.append(s, batch, 'no_stream')).toEqual(first);
        expect(await store.append(s, batch, 'any')).toEqual(first);
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('still answers the original result after other appends moved the stream on', async () => {
        const s = stream('a');
        await store.append(s, [event()], 'no_stream');
        const batch = [event(), event()];
        const original = await store.append(s, batch, 0n);
        await store.append(s, [event()], 2n);
        await store.append(stream('b'), [event()], 'no_stream');
        const head = await store.headPosition();

        expect(await store.append(s, batch, 0n)).toEqual(original);
        expect(await store.append(s, [...batch], 'stream_exists')).toEqual(original);
        expect(await store.headPosition()).toBe(head);
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
      });

      it('answers a retry issued concurrently with the original without writing twice', async () => {
        const s = stream('a');
        const batch = [event(), event(), event()];
        const [a, b] = await Promise.all([store.append(s, batch, 'no_stream'), store.append(s, batch, 'no_stream')]);
        expect(b).toEqual(a);
        expect(await store.readStream(s)).toHaveLength(3);
      });

      it('rejects batches that only partly overlap stored ids, or repeat one, writing nothing', async () => {
        const s = stream('a');
        const [a, b, c] = [event(), event(), event()];
        await store.append(s, [a, b], 'no_stream');
        const head = await store.headPosition();

        const attempts: [string, EventToAppend[]][] = [
          [s, [b, c]], // starts on a stored id, but the batch runs past what was stored
          [s, [a, c]], // stored id, different neighbour
          [s, [b, a]], // stored ids in a different order
          [s, [c, a]], // new first id, a stored one later
          [stream('b'), [c, c]], // the same id twice in one batch
        ];
        for (const [target, events] of attempts) {
          const refusal = await store.append(target, events, 'any').then(
            () => new Error('appended'),
            (error: unknown) => error,
          );
          // Name what came instead, so an unexpected driver error is diagnosable from the CI log.
          if (!(refusal instanceof DuplicateEventIdError)) {
            const { name, message, code } = refusal as { name?: string; message?: string; code?: string };
            throw new Error(`attempt ${attempts.findIndex((a) => a[1] === events)}: expected DuplicateEventIdError, got ${name} ${code ?? ''}: ${message}`);
          }
        }
        expect(await store.headPosition()).toBe(head);
        expect((await store.readStream(s)).map((e) => e.id)).toEqual([a.id, b.id]);
        expect(await store.readStream(stream('b'))).toEqual([]);
      });

      if (traits.eventIdScope === 'log') {
        it('refuses an id already stored in another stream, writing nothing (ids are unique in the log)', async () => {
          const e = event();
          await store.append(stream('a'), [e], 'no_stream');
          const head = await store.headPosition();
          await expect(store.append(stream('b'), [e], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
          expect(await store.headPosition()).toBe(head);
          expect(await store.readStream(stream('b'))).toEqual([]);
        });
      } else {
        it('stores an id already used in another stream as a separate event (ids are unique per stream)', async () => {
          const e = event();
          await store.append(stream('a'), [e], 'no_stream');
          const elsewhere = await store.append(stream('b'), [e], 'no_stream');
          expect(await store.append(stream('b'), [e], 'any')).toEqual(elsewhere);
          expect((await store.readStream(stream('a'))).map((r) => r.id)).toEqual([e.id]);
          expect((await store.readStream(stream('b'))).map((r) => [r.id, r.revision])).toEqual([[e.id, 0n]]);
        });
      }
    });

    describe('concurrency', () => {
      it('lets exactly one of many concurrent appends at the same revision win, every round', async () => {
        const s = stream('a');
        await store.append(s, [event()], 'no_stream');
        for (let revision = 0n; revision < 5n; revision++) {
          const attempts = await Promise.allSettled(
            Array.from({ length: 10 }, (_, i) => store.append(s, [event('Raced', { i })], revision)),
          );
          const won = attempts.filter((a) => a.status === 'fulfilled');
          expect(won).toHaveLength(1);
          expect(won[0]?.value.nextExpectedRevision).toBe(revision + 1n);
          for (const lost of attempts.filter((a) => a.status === 'rejected')) {
            expect(lost.reason).toBeInstanceOf(WrongExpectedRevisionError);
            expect(lost.reason).toMatchObject({ expected: revision, actual: revision + 1n });
          }
        }
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
      });

      it('serialises optimistic writers that re-read and retry on conflict', async () => {
        const s = stream('a');
        const writers = 6;
        const perWriter = 8;
        let conflicts = 0;
        const wins: bigint[] = [];

        const writer = async (w: number): Promise<void> => {
          for (let n = 0; n < perWriter; n++) {
            for (;;) {
              const tail = (await store.readStream(s)).at(-1);
              const expected: ExpectedRevision = tail === undefined ? 'no_stream' : tail.revision;
              try {
                wins.push((await store.append(s, [event('Written', { w, n })], expected)).nextExpectedRevision);
                break;
              } catch (error) {
                if (!(error instanceof WrongExpectedRevisionError)) throw error;
                conflicts += 1;
              }
            }
          }
        };
        await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));

        const total = writers * perWriter;
        expect([...wins].sort(compareBigint)).toEqual(Array.from({ length: total }, (_, i) => BigInt(i)));
        expect(conflicts).toBeGreaterThan(0);
        const events = await store.readStream(s);
        expect(events.map((e) => e.revision)).toEqual(Array.from({ length: total }, (_, i) => BigInt(i)));
        for (let w = 0; w < writers; w++) {
          const own = events.filter((e) => e.data['w'] === w).map((e) => e.data['n']);
          expect(own).toEqual(Array.from({ length: perWriter }, (_, n) => n));
        }
      });

      it('commits concurrent appends to different streams, all of them', async () => {
        const before = await store.headPosition();
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) => store.append(stream(`s${i}`), [event('Opened', { i })], 'no_stream')),
        );
        expect(results.every((r) => r.nextExpectedRevision === 0n)).toBe(true);
        expect(new Set(results.map((r) => r.position)).size).toBe(200);
        const log = await readMine(before);
        expect(log).toHaveLength(200);
        expectStrictlyIncreasing(log.map((e) => e.position));
      });

      it('keeps the others when one append in a concurrent burst fails its expectation', async () => {
        const settled = await Promise.allSettled([
          store.append(stream('a'), [event()], 'no_stream'),
          store.append(stream('b'), [event(), event()], 'stream_exists'),
          store.append(stream('c'), [event()], 'no_stream'),
        ]);
        expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(await store.readStream(stream('a'))).toHaveLength(1);
        expect(await store.readStream(stream('b'))).toEqual([]);
        expect(await store.readStream(stream('c'))).toHaveLength(1);
      });
    });

    describe('reading', () => {
      it('reads the global log across streams in append order', async () => {
        const before = await store.headPosition();
        const order: [string, string][] = [];
        for (const name of ['a', 'b', 'a', 'c', 'b', 'a']) {
          const e = event('Step', { name });
          await store.append(stream(name), [e], 'any');
          order.push([stream(name), e.id]);
        }
        const log = await readMine(before);
        expect(log.map((e) => [e.streamId, e.id])).toEqual(order);
        expectStrictlyIncreasing(log.map((e) => e.position));
        expect(await store.headPosition()).toBe(log.at(-1)?.position);
      });

      it('reads a stream from a revision, with a limit, and an unknown stream as empty', async () => {
        const s = stream('a');
        await store.append(s, Array.from({ length: 10 }, (_, i) => event('N', { i })), 'no_stream');
        const fromFour = await store.readStream(s, { fromRevision: 4n });
        expect(fromFour.map((e) => e.revision)).toEqual([4n, 5n, 6n, 7n, 8n, 9n]);
        const three = await store.readStream(s, { fromRevision: 2n, limit: 3 });
        expect(three.map((e) => e.data['i'])).toEqual([2, 3, 4]);
        expect(await store.readStream(s, { fromRevision: 10n })).toEqual([]);
        expect(await store.readStream(stream('unknown'))).toEqual([]);
      });

      it('pages through the whole log with after and limit, giving every event exactly once', async () => {
        const before = await store.headPosition();
        const ids: string[] = [];
        for (let i = 0; i < 23; i++) {
          const batch = Array.from({ length: (i % 3) + 1 }, () => event('Paged', { i }));
          await store.append(stream(`s${i % 4}`), batch, 'any');
          ids.push(...batch.map((e) => e.id));
        }
        for (const limit of [1, 7, 50]) {
          const log = await readMine(before, limit);
          expect(log.map((e) => e.id)).toEqual(ids);
        }
        const page = await store.readAll({ after: before, limit: 5 });
        expect(page.length).toBeLessThanOrEqual(5);
        expect(page.every((e) => e.position > before)).toBe(true);
        expect(await store.readAll({ after: await store.headPosition() })).toEqual([]);
      });

      it('round-trips data and metadata exactly, kept apart', async () => {
        const data: JsonObject = {
          text: 'Zoë → 東京 🚀 مرحبا e\u0301 "quoted" \\ back\nslash \u0000 nul',
          nested: { list: [1, -2.5, 0, 1e21, Number.MAX_SAFE_INTEGER, true, false, null, [], {}], deep: { a: { b: { c: 'd' } } } },
          empty: {},
          none: null,
        };
        const metadata: JsonObject = { correlationId: randomUUID(), actor: { role: 'chair', name: 'Ångström' } };
        const sent: EventToAppend = { id: randomUUID(), type: 'Unicode.Tested ✓', data, metadata };
        await store.append(stream('a'), [sent], 'no_stream');
        const [got] = await store.readStream(stream('a'));
        expect(got?.id).toBe(sent.id);
        expect(got?.type).toBe(sent.type);
        expect(got?.data).toEqual(data);
        const { hash: _hash, previousHash: _previous, ...given } = got?.metadata ?? {};
        expect(given).toEqual(metadata);
      });

      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('the audit seal', () => {
      it('seals every event with the SHA-256 of its canonical form, chained to the event before it in its stream', async () => {
        const s = stream('sealed');
        await store.append(s, [event('A', { n: 1 }, { actor: 'x' })], 'no_stream');
        await store.append(s, [event('B', { n: 2 }), event('C', { n: 3 })], 0n);
        await store.append(stream('other'), [event('D')], 'no_stream');
        const events = await store.readStream(s);
        expect(events.map((e) => e.metadata['previousHash'])).toEqual([null, events[0]?.metadata['hash'], events[1]?.metadata['hash']]);
        for (const e of events) {
          expect(e.metadata['hash']).toMatch(/^[0-9a-f]{64}$/);
          expect(e.metadata['hash']).toBe(eventHash(e));
        }
        expect(verifyStreamEvents(events).failures).toEqual([]);
        const [other] = await store.readStream(stream('other'));
        expect(other?.metadata['previousHash']).toBeNull();
      });

      it('seals again an event that comes with a seal (copied or imported), where it now stands', async () => {
        const [original] = (await store.append(stream('from'), [event('A', { n: 1 })], 'no_stream'), await store.readStream(stream('from')));
        await store.append(stream('to'), [event('B'), { id: randomUUID(), type: 'A', data: { n: 1 }, metadata: original?.metadata ?? {} }], 'no_stream');
        const copied = await store.readStream(stream('to'));
        expect(copied[1]?.metadata['previousHash']).toBe(copied[0]?.metadata['hash']);
        expect(copied[1]?.metadata['hash']).not.toBe(original?.metadata['hash']);
        expect(verifyStreamEvents(copied).failures).toEqual([]);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up from the start, then follows live appends', async () => {
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) ids.push(...(await appendOne(stream(`s${i % 2}`))));
        const subscription = store.subscribeToAll();
        const seen = take(subscription, 12, mine);
        for (let i = 0; i < 7; i++) ids.push(...(await appendOne(stream(`s${i % 3}`))));
        const events = await seen;
        expect(events.map((e) => e.id)).toEqual(ids);
        expectStrictlyIncreasing(events.map((e) => e.position));
      });

      it('catches up from a checkpoint, exclusive', async () => {
        const s = stream('a');
        await store.append(s, [event(), event(), event()], 'no_stream');
        const checkpoint = (await store.readStream(s))[1]?.position;
        expect(checkpoint).toBeDefined();
        const subscription = store.subscribeToAll({ after: checkpoint });
        const later = await appendOne(s);
        const events = await take(subscription, 2, mine);
        expect(events.map((e) => e.revision)).toEqual([2n, 3n]);
        expect(events[1]?.id).toBe(later[0]);
      });

      it('sees every event of concurrent writers exactly once, in position order', async () => {
        const before = await store.headPosition();
        const subscription = store.subscribeToAll({ after: before });
        const seen = take(subscription, 150, mine);
        await Promise.all(
          Array.from({ length: 5 }, async (_, w) => {
            for (let n = 0; n < 10; n++) {
              await store.append(stream(`w${w}`), [event(), event(), event()], 'any');
            }
          }),
        );
        const events = await seen;
        expect(events.map((e) => e.id)).toEqual((await readMine(before)).map((e) => e.id));
        expect(new Set(events.map((e) => e.id)).size).toBe(150);
        expectStrictlyIncreasing(events.map((e) => e.position));
      });

      it('lets a slow subscriber fall behind without missing anything', async () => {
        const before = await store.headPosition();
        const subscription = store.subscribeToAll({ after: before });
        const seen = take(subscription, 120, mine, () => new Promise((resolve) => setTimeout(resolve, 1)));
        await Promise.all(
          Array.from({ length: 4 }, async (_, w) => {
            for (let n = 0; n < 15; n++) await store.append(stream(`w${w}`), [event(), event()], 'any');
          }),
        );
        const events = await seen;
        expect(events.map((e) => e.id)).toEqual((await readMine(before)).map((e) => e.id));
      });

      it('serves two subscribers independently', async () => {
        const before = await store.headPosition();
        const first = take(store.subscribeToAll({ after: before }), 20, mine);
        const second = take(store.subscribeToAll({ after: before }), 20, mine);
        for (let i = 0; i < 10; i++) await store.append(stream('a'), [event(), event()], 'any');
        const [a, b] = await Promise.all([first, second]);
        expect(a.map((e) => e.id)).toEqual(b.map((e) => e.id));
        expect(a).toHaveLength(20);
      });

      it('ends a pending next() with done when unsubscribed, and every next() after it', async () => {
        const subscription = store.subscribeToAll({ after: await store.headPosition() });
        const iterator = subscription[Symbol.asyncIterator]();
        const pending = iterator.next();
        await new Promise((resolve) => setTimeout(resolve, 20));
        await subscription.unsubscribe();
        await expect(withTimeout(pending, 2_000)).resolves.toMatchObject({ done: true });
        await store.append(stream('a'), [event()], 'any');
        await expect(withTimeout(iterator.next(), 2_000)).resolves.toMatchObject({ done: true });
      });

      it('ends for-await when unsubscribed from inside the loop', async () => {
        const s = stream('a');
        await store.append(s, [event(), event(), event()], 'no_stream');
        const subscription = store.subscribeToAll();
        const seen: RecordedEvent[] = [];
        const loop = (async () => {
          for await (const e of subscription) {
            if (!mine(e)) continue;
            seen.push(e);
            if (seen.length === 2) await subscription.unsubscribe();
          }
        })();
        await withTimeout(loop, 5_000);
        expect(seen).toHaveLength(2);
      });
    });

    describe('property', () => {
      type Expectation = 'any' | 'no_stream' | 'stream_exists' | 'exact' | 'stale';
      interface Op {
        readonly stream: number;
        readonly count: number;
        readonly expectation: Expectation;
        /** Fired in the same burst as the previous op rather than after it settled. */
        readonly withPrevious: boolean;
      }
      const op = fc.record<Op>({
        stream: fc.integer({ min: 0, max: 2 }),
        count: fc.integer({ min: 1, max: 3 }),
        expectation: fc.constantFrom<Expectation>('any', 'no_stream', 'stream_exists', 'exact', 'stale'),
        withPrevious: fc.boolean(),
      });

      it('random interleavings keep per-stream revisions contiguous and the log equal to the successful appends', async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 24 }), async (ops) => {
            const run = `${prefix}${randomUUID()}-`;
            const streamOf = (i: number): string => `${run}${i}`;
            const before = await store.headPosition();
            const known = new Map<string, bigint>();
            const successes: { ids: string[]; streamId: string; result: AppendResult; expectation: Expectation }[] = [];

            for (const burst of bursts(ops)) {
              const settled = await Promise.allSettled(
                burst.map(async (o) => {
                  const streamId = streamOf(o.stream);
                  const events = Array.from({ length: o.count }, () => event('Prop'));
                  const current = known.get(streamId);
                  const expected: ExpectedRevision =
                    o.expectation === 'exact' ? (current ?? 0n) : o.expectation === 'stale' ? (current ?? 0n) + 7n : o.expectation;
                  const result = await store.append(streamId, events, expected);
                  return { ids: events.map((e) => e.id), streamId, result, expectation: o.expectation };
                }),
              );
              settled.forEach((outcome, i) => {
                const o = burst[i] as Op;
                if (burst.length === 1) {
                  // Alone in its burst, the model predicts the outcome exactly.
                  const current = known.get(streamOf(o.stream));
                  const predicted =
                    o.expectation === 'any' ||
                    (o.expectation === 'no_stream' && current === undefined) ||
                    (o.expectation === 'stream_exists' && current !== undefined) ||
                    (o.expectation === 'exact' && current !== undefined);
                  expect(outcome.status).toBe(predicted ? 'fulfilled' : 'rejected');
                }
                if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
                else if (o.expectation === 'stale') throw new Error('a stale revision was accepted');
              });
              for (const outcome of settled) {
                if (outcome.status !== 'fulfilled') continue;
                successes.push(outcome.value);
                const { streamId, result } = outcome.value;
                const previous = known.get(streamId);
                if (previous === undefined || result.nextExpectedRevision > previous) known.set(streamId, result.nextExpectedRevision);
              }
              for (let i = 0; i < burst.length; i++) {
                if (burst[i]?.expectation === 'any') expect(settled[i]?.status).toBe('fulfilled');
              }
            }

            successes.sort((x, y) => compareBigint(x.result.position, y.result.position));
            const log = (await store.readAll({ after: before, limit: 10_000 })).filter((e) => e.streamId.startsWith(run));
            expect(log.map((e) => e.id)).toEqual(successes.flatMap((s) => s.ids));

            for (let i = 0; i < 3; i++) {
              const events = await store.readStream(streamOf(i));
              expect(events.map((e) => e.revision)).toEqual(events.map((_, r) => BigInt(r)));
              const expectedLast = known.get(streamOf(i));
              expect(events.at(-1)?.revision).toBe(expectedLast);
            }
            for (const s of successes) {
              const events = await store.readStream(s.streamId);
              const last = events.find((e) => e.id === s.ids.at(-1));
              expect(last?.revision).toBe(s.result.nextExpectedRevision);
              expect(last?.position).toBe(s.result.position);
            }
          }),
          { numRuns: 40 },
        );
      });
    });
  });
}

function event(type = 'Tested', data: JsonObject = {}, metadata: JsonObject = {}): EventToAppend {
  return { id: randomUUID(), type, data, metadata };
}

function bursts<T extends { readonly withPrevious: boolean }>(ops: readonly T[]): T[][] {
  const groups: T[][] = [];
  for (const o of ops) {
    const last = groups.at(-1);
    if (o.withPrevious && last !== undefined) last.push(o);
    else groups.push([o]);
  }
  return groups;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function expectStrictlyIncreasing(values: readonly bigint[]): void {
  for (let i = 1; i < values.length; i++) expect((values[i] as bigint) > (values[i - 1] as bigint)).toBe(true);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The first `count` matching events, then unsubscribes; fails fast instead of hanging on a miss. */
async function take(
  subscription: EventSubscription,
  count: number,
  keep: (event: RecordedEvent) => boolean,
  onEach?: () => Promise<unknown>,
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  const loop = async (): Promise<void> => {
    for await (const e of subscription) {
      if (!keep(e)) continue;
      seen.push(e);
      if (onEach) await onEach();
      if (seen.length === count) break;
    }
  };
  try {
    await withTimeout(loop(), 10_000);
  } finally {
    await subscription.unsubscribe();
  }
  return seen;
}


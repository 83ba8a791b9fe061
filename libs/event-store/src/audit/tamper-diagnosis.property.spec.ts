import fc from 'fast-check';
import { type JsonObject } from '#core';
import { type ChainEvent } from './chain-event.js';
import { sealBatch } from './event-seal.js';
import { type LogSource } from './log-source.js';
import { verifyLog } from './log-verification.js';

/*
 * Whatever the log (streams interleaved, of any length) and wherever one event is changed, removed,
 * moved or inserted, verification names exactly the events concerned, and how, and nothing else.
 */

const logOf = (events: readonly ChainEvent[], dense = true): LogSource => ({
  densePositions: dense,
  head: async () => events.reduce((max, e) => (e.position > max ? e.position : max), 0n),
  async *events() {
    yield* [...events].sort((a, b) => (a.position < b.position ? -1 : 1));
  },
});

/** A log of sealed events: `streams` streams appended in the order `order` gives (indices into them). */
function sealedLog(order: readonly number[]): ChainEvent[] {
  const last = new Map<number, { revision: bigint; hash: string | null }>();
  return order.map((s, i) => {
    const before = last.get(s) ?? { revision: -1n, hash: null };
    const revision = before.revision + 1n;
    const data: JsonObject = { n: i, text: `step ${i} of stream ${s}` };
    const [metadata] = sealBatch(`stream-${s}`, revision, before.hash, [{ type: `Step${i % 3}`, data, metadata: { occurredAt: `2026-03-02T10:00:${String(i % 60).padStart(2, '0')}Z` } }]) as [JsonObject];
    last.set(s, { revision, hash: metadata['hash'] as string });
    return { id: `event-${i}`, streamId: `stream-${s}`, revision, position: BigInt(i + 1), type: `Step${i % 3}`, data, metadata, recordedAt: new Date(0) };
  });
}

const named = async (events: readonly ChainEvent[]) => (await verifyLog(logOf(events))).failures.map((f) => ({ kind: f.kind, eventId: f.eventId, streamId: f.streamId, revision: f.revision, position: f.position }));

/** Streams 0..3, 2..30 events in all, interleaved at random. */
const order = fc.array(fc.nat({ max: 3 }), { minLength: 2, maxLength: 30 });

describe('naming what was done to the log', () => {
  it('an untouched log verifies', async () => {
    await fc.assert(fc.asyncProperty(order, async (o) => expect(await named(sealedLog(o))).toEqual([])));
  });

  it('a changed event, and only it', async () => {
    await fc.assert(
      fc.asyncProperty(order, fc.nat(), async (o, pick) => {
        const log = sealedLog(o);
        const i = pick % log.length;
        const target = log[i]!;
        log[i] = { ...target, data: { ...target.data, text: `${String(target.data['text'])}!` } };
        expect(await named(log)).toEqual([{ kind: 'changed', eventId: target.id, streamId: target.streamId, revision: target.revision, position: target.position }]);
      }),
    );
  });

  it('a removed event, by its stream, revision and position (or by its position alone when it was the last of its stream)', async () => {
    await fc.assert(
      fc.asyncProperty(order, fc.nat(), async (o, pick) => {
        const log = sealedLog(o);
        // The very last event of the log leaves no trace in the log itself: a checkpoint shows it.
        const i = pick % (log.length - 1);
        const [gone] = log.splice(i, 1) as [ChainEvent];
        const lastOfStream = !log.some((e) => e.streamId === gone.streamId && e.revision > gone.revision);
        expect(await named(log)).toEqual([
          lastOfStream
            ? { kind: 'removed', eventId: null, streamId: null, revision: null, position: gone.position }
            : { kind: 'removed', eventId: null, streamId: gone.streamId, revision: gone.revision, position: gone.position },
        ]);
      }),
    );
  });

  it('two events of a stream that changed places, both', async () => {
    await fc.assert(
      fc.asyncProperty(order, fc.nat(), async (o, pick) => {
        const log = sealedLog(o);
        const pairs = log.flatMap((a, i) => log.flatMap((b, j) => (i < j && a.streamId === b.streamId && b.revision === a.revision + 1n ? [[i, j] as const] : [])));
        fc.pre(pairs.length > 0);
        const [i, j] = pairs[pick % pairs.length]!;
        const a = log[i]!;
        const b = log[j]!;
        // Each takes the other's place: content moves, place (revision, position) stays.
        log[i] = { ...b, revision: a.revision, position: a.position };
        log[j] = { ...a, revision: b.revision, position: b.position };
        expect(await named(log)).toEqual([
          { kind: 'reordered', eventId: b.id, streamId: a.streamId, revision: a.revision, position: a.position },
          { kind: 'reordered', eventId: a.id, streamId: a.streamId, revision: b.revision, position: b.position },
        ]);
      }),
    );
  });

  it('an inserted event, the later ones of its stream renumbered, whatever seal it carries', async () => {
    await fc.assert(
      fc.asyncProperty(order, fc.nat(), fc.constantFrom('copied', 'valid', 'none'), async (o, pick, seal) => {
        const log = sealedLog(o);
        const at = log[pick % log.length]!;
        const forgedData: JsonObject = { text: 'never happened' };
        const previous = log.find((e) => e.streamId === at.streamId && e.revision === at.revision - 1n);
        const metadata: JsonObject =
          seal === 'copied' ? at.metadata : seal === 'valid' ? (sealBatch(at.streamId, at.revision, (previous?.metadata['hash'] as string | undefined) ?? null, [{ type: 'Forged', data: forgedData, metadata: {} }])[0] as JsonObject) : {};
        const shifted = log.map((e) => (e.streamId === at.streamId && e.revision >= at.revision ? { ...e, revision: e.revision + 1n } : e));
        const forged: ChainEvent = { id: 'forged', streamId: at.streamId, revision: at.revision, position: BigInt(log.length + 1), type: 'Forged', data: forgedData, metadata, recordedAt: new Date(0) };
        expect([seal, await named([...shifted, forged])]).toEqual([seal, [{ kind: 'inserted', eventId: 'forged', streamId: at.streamId, revision: at.revision, position: forged.position }]]);
      }),
    );
  });
});

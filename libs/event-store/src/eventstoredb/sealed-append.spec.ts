import { randomUUID } from 'node:crypto';
import { eventHash } from '../audit/event-seal.js';
import { verifyStreamEvents } from '../audit/log-verification.js';
import { type EventToAppend, type RecordedEvent } from '../event-store.port.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { fromResolvedEvent } from './event-serialisation.js';
import { KnownStream } from './known-stream.js';
import { sealedEventData } from './sealed-append.js';
import { recordedOnServer } from './testing/recorded-on-server.js';

const event = (n: number): EventToAppend => ({
  id: randomUUID(),
  type: 'Tested',
  data: { n, text: 'Zoë → 東京' },
  metadata: { occurredAt: '2026-03-02T10:00:00.000Z', actor: { personId: 'p', role: 'secretariat' } },
});

/**
 * The KurrentDB adapter's seal without a server: what an append would send, stored and read back
 * through the client's own decoding of the server's messages, then sealed onto by the next append.
 */
describe('sealing an append to KurrentDB', () => {
  let position = 100n;
  const storeOnServer = (streamId: string, known: KnownStream, events: readonly EventToAppend[]): RecordedEvent[] =>
    sealedEventData(streamId, known, events).map((data, i) => {
      position += 7n;
      const read = fromResolvedEvent(recordedOnServer({ streamId, revision: known.nextRevision + BigInt(i), position, event: data }), (name) => name);
      if (!read.ok) throw new Error(read.reason);
      return read.event;
    });

  it('chains each event to the one before it: the stream’s last stored event, then the batch’s own', () => {
    const known = new KnownStream();
    const first = storeOnServer('dispute-1', known, [event(1), event(2)]);
    first.forEach((e) => known.add(e));
    const second = storeOnServer('dispute-1', known, [event(3)]);
    const stream = [...first, ...second];
    expect(stream.map((e) => e.metadata['previousHash'])).toEqual([null, first[0]?.metadata['hash'], first[1]?.metadata['hash']]);
    for (const e of stream) expect(e.metadata['hash']).toBe(eventHash(e));
    expect(verifyStreamEvents(stream).failures).toEqual([]);
  });

  it('gives every event the hash the embedded store gives it: the seal does not depend on the store', async () => {
    const events = [event(1), event(2), event(3)];
    const known = new KnownStream();
    const onServer = storeOnServer('dispute-2', known, events);
    const sqlite = SqliteEventStore.open({ filename: ':memory:' });
    try {
      await sqlite.append('dispute-2', events, 'no_stream');
      expect((await sqlite.readStream('dispute-2')).map((e) => e.metadata['hash'])).toEqual(onServer.map((e) => e.metadata['hash']));
    } finally {
      await sqlite.close();
    }
  });
});

import { DuplicateEventIdError, type EventToAppend, type RecordedEvent } from '../event-store.port.js';
import { assertDistinctIds, KnownStream, KnownStreams } from './known-stream.js';

const appendable = (id: string): EventToAppend => ({ id, type: 'T', data: {}, metadata: {} });
const stored = (id: string, revision: bigint, position: bigint): RecordedEvent => ({
  id,
  streamId: 's',
  revision,
  position,
  type: 'T',
  data: {},
  metadata: {},
  recordedAt: new Date(0),
});

function streamOf(...ids: string[]): KnownStream {
  const known = new KnownStream();
  ids.forEach((id, i) => known.add(stored(id, BigInt(i), BigInt(100 + 10 * i))));
  return known;
}

describe('KnownStream', () => {
  it('starts as no stream, to be read from revision 0', () => {
    const known = new KnownStream();
    expect(known.revision).toBeNull();
    expect(known.nextRevision).toBe(0n);
    expect(known.last).toBeNull();
  });

  it('follows the tail and ignores events a concurrent read already added', () => {
    const known = streamOf('a', 'b');
    known.add(stored('b', 1n, 110n));
    known.add(stored('c', 2n, 120n));
    expect(known.revision).toBe(2n);
    expect(known.nextRevision).toBe(3n);
    expect(known.last?.id).toBe('c');
  });

  it('answers a retried batch with its original revision and position, however far the stream moved on', () => {
    const known = streamOf('x', 'a', 'b', 'y', 'z');
    expect(known.originalResultOfRetry([appendable('a'), appendable('b')])).toEqual({ nextExpectedRevision: 2n, position: 120n });
  });

  it('answers null for a batch of new ids, and for nothing at all', () => {
    expect(streamOf('a').originalResultOfRetry([appendable('n1'), appendable('n2')])).toBeNull();
    expect(streamOf('a').originalResultOfRetry([])).toBeNull();
  });

  it.each([
    ['runs past what was stored', ['b', 'c']],
    ['has a different neighbour', ['a', 'c']],
    ['is in another order', ['b', 'a']],
    ['reuses a stored id after a new one', ['c', 'a']],
  ])('refuses a batch that %s', (_how, ids) => {
    expect(() => streamOf('a', 'b').originalResultOfRetry(ids.map(appendable))).toThrow(DuplicateEventIdError);
  });

  it('refuses the same id twice in one batch', () => {
    expect(() => assertDistinctIds([appendable('a'), appendable('b'), appendable('a')])).toThrow(DuplicateEventIdError);
    expect(() => assertDistinctIds([appendable('a'), appendable('b')])).not.toThrow();
  });
});

describe('KnownStreams', () => {
  it('keeps the streams used last and drops the oldest beyond its capacity', () => {
    const streams = new KnownStreams(2);
    const a = streams.get('a');
    a.add(stored('e1', 0n, 1n));
    streams.get('b');
    streams.get('a');
    streams.get('c'); // b was used least recently
    expect(streams.get('a')).toBe(a);
    expect(streams.get('b').revision).toBeNull();
  });
});

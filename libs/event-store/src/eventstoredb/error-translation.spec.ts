import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  EventStoreDBClient,
  jsonEvent,
  StreamDeletedError as ClientStreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../event-store.port.js';
import { EventStoreAccessDeniedError, EventStoreUnavailableError, StreamDeletedError } from '../event-store-errors.js';
import { isTransient, portRevision, translateError } from './error-translation.js';
import { closedPort } from './testing/closed-port.js';

describe('error translation', () => {
  it('turns a wrong expected version into the port error, naming the stream, the expectation and the actual revision', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'prefix.dispute-1', expected: 3n, current: 5n });
    const translated = translateError(error, { streamId: 'dispute-1', expected: 3n });
    expect(translated).toBeInstanceOf(WrongExpectedRevisionError);
    expect(translated).toMatchObject({ streamId: 'dispute-1', expected: 3n, actual: 5n });
  });

  it('says actual null when the server reports no stream', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 'stream_exists', current: 'no_stream' });
    expect(translateError(error, { streamId: 's', expected: 'stream_exists' })).toMatchObject({ actual: null });
    expect(portRevision('no_stream')).toBeNull();
    expect(portRevision(0n)).toBe(0n);
  });

  it.each([
    ['unavailable', new UnavailableError()],
    ['deadline exceeded', new DeadlineExceededError()],
    ['timeout', new TimeoutError()],
    ['cancelled by the server', new CancelledError()],
  ])('reports %s as EventStoreUnavailableError, keeping the cause', (_name, error) => {
    expect(isTransient(error)).toBe(true);
    const translated = translateError(error);
    expect(translated).toBeInstanceOf(EventStoreUnavailableError);
    expect((translated as Error).cause).toBe(error);
  });

  it('reports access denied and a deleted stream in the port’s words', () => {
    expect(translateError(new AccessDeniedError())).toBeInstanceOf(EventStoreAccessDeniedError);
    const deleted = translateError(ClientStreamDeletedError.fromStreamName('p.dispute-9'), { streamId: 'dispute-9', expected: 'any' });
    expect(deleted).toBeInstanceOf(StreamDeletedError);
    expect(deleted).toMatchObject({ streamId: 'dispute-9' });
  });

  it('passes other errors on untouched (a stream that is not found is the adapter’s business: an empty read)', () => {
    const notFound = new StreamNotFoundError(undefined, 's');
    expect(isTransient(notFound)).toBe(false);
    expect(translateError(notFound)).toBe(notFound);
    const bug = new TypeError('boom');
    expect(translateError(bug)).toBe(bug);
  });

  it('recognises the raw gRPC UNAVAILABLE the real client throws when no server answers', async () => {
    const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${await closedPort()}?tls=false`);
    try {
      const raw = await client.appendToStream('s', jsonEvent({ type: 'T', data: {} })).then(
        () => new Error('appended'),
        (error: unknown) => error,
      );
      expect((raw as { code?: number }).code).toBe(14);
      expect(translateError(raw)).toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await client.dispose();
    }
  });
});

import { basename } from 'node:path';
import { type AppSettings } from '#config';

type StoreSettings = Pick<AppSettings, 'eventStore' | 'eventStoreConnectionString' | 'eventStoreStreamPrefix'>;

/**
 * The event store the engine- and HTTP-level suites run on: SQLite files in the test's data
 * directory, or, with TEST_EVENT_STORE=eventstoredb and EVENTSTORE_CONNECTION_STRING set, a
 * KurrentDB server, each data directory getting streams of its own (a prefix made from its name,
 * so reopening the directory finds the same streams, and suites sharing the server never meet).
 */
export function storeUnderTest(dataDir: string): StoreSettings {
  if (process.env['TEST_EVENT_STORE'] !== 'eventstoredb') return { eventStore: 'sqlite', eventStoreConnectionString: null };
  const connectionString = process.env['EVENTSTORE_CONNECTION_STRING']?.trim();
  if (!connectionString) throw new Error('TEST_EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  return { eventStore: 'eventstoredb', eventStoreConnectionString: connectionString, eventStoreStreamPrefix: `${basename(dataDir)}.` };
}

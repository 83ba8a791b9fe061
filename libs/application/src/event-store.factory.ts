import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { type AppSettings, ConfigurationError } from '#config';
import { type EventStore, EventStoreDbEventStore, redactedConnectionString, SqliteEventStore } from '#event-store';

/**
 * The one place that chooses the event store adapter from settings. Either way the data directory
 * holds the read models (embedded SQLite) and evidence files; with EventStoreDB each instance keeps
 * its own, fed from $all by a catch-up subscription from its checkpoint.
 */
export function createEventStore(settings: AppSettings): EventStore {
  mkdirSync(settings.dataDir, { recursive: true });
  if (settings.eventStore === 'eventstoredb') {
    const connectionString = settings.eventStoreConnectionString;
    // loadSettings refuses this combination; settings built by hand (tests) must not slip through.
    if (connectionString === null) throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
    const logger = new Logger('EventStore');
    logger.log(`EventStoreDB at ${redactedConnectionString(connectionString)}${settings.eventStoreStreamPrefix ? `, streams prefixed ${settings.eventStoreStreamPrefix}` : ''}`);
    try {
      return connectToEventStoreDb(settings, connectionString, logger);
    } catch (error) {
      // The client parses the options (tls=, nodePreference=…) when built: a refusal is a start-up configuration error.
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
      throw new ConfigurationError([{ variable: 'EVENTSTORE_CONNECTION_STRING', reason: `the KurrentDB client refuses it: ${reason}` }]);
    }
  }
  return SqliteEventStore.open({ filename: join(settings.dataDir, 'events.sqlite') });
}

function connectToEventStoreDb(settings: AppSettings, connectionString: string, logger: Logger): EventStore {
  return new EventStoreDbEventStore({
    connectionString,
    ...(settings.eventStoreStreamPrefix !== undefined && { streamPrefix: settings.eventStoreStreamPrefix }),
    onSubscriptionDropped: ({ error, attempt, retryInMs }) =>
      logger.warn(`Subscription to $all dropped (${error instanceof Error ? error.message : String(error)}); attempt ${attempt}, reconnecting in ${retryInMs} ms`),
  });
}

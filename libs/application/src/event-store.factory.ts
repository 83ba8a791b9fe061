import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type AppSettings } from '#config';
import { type EventStore, SqliteEventStore } from '#event-store';

/** The one place that chooses the event store adapter from settings. */
export function createEventStore(settings: AppSettings): EventStore {
  if (settings.eventStore === 'eventstoredb') {
    throw new Error('EVENT_STORE=eventstoredb: the KurrentDB adapter is not part of this release yet; use sqlite.');
  }
  mkdirSync(settings.dataDir, { recursive: true });
  return SqliteEventStore.open({ filename: join(settings.dataDir, 'events.sqlite') });
}

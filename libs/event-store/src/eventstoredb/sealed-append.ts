import { type EventData } from '@eventstore/db-client';
import { sealBatch, storedSeal } from '../audit/event-seal.js';
import { type EventToAppend } from '../event-store.port.js';
import { toEventData } from './event-serialisation.js';
import { type KnownStream } from './known-stream.js';

/**
 * What an append sends: each event with its audit seal, computed from the revision it will be
 * written at and the seal of the event before it (the stream's last stored event, as just read,
 * for the first; then each event of the batch). The adapter appends at exactly `known`'s revision,
 * so the server refuses the batch if the stream moved after this was computed.
 */
export function sealedEventData(streamId: string, known: KnownStream, events: readonly EventToAppend[]): EventData[] {
  const previousHash = known.last === null ? null : storedSeal(known.last.metadata).hash;
  return sealBatch(streamId, known.nextRevision, previousHash, events).map((metadata, i) => toEventData(events[i] as EventToAppend, metadata));
}

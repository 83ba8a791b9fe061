import { type JsonObject } from '#core';
import { DISPUTE_EVENT_UPCASTS, type DisputeMachineEvent, schemaVersionOf } from '#domain';
import { type RecordedEvent } from '#event-store';
import { readMetadata } from './event-metadata.js';
import { EventUpcaster } from './upcasting.js';

/** The one upcaster every read goes through, with the domain's steps from each old schema version. */
export const upcaster = DISPUTE_EVENT_UPCASTS.reduce(
  (u, { type, fromVersion, step }) => u.register(type, fromVersion, step),
  new EventUpcaster(schemaVersionOf),
);

/** A stored case event as the machine consumes it: upcast data, plus actor and time from metadata. */
export function toDisputeMachineEvent(event: RecordedEvent, using: EventUpcaster = upcaster): DisputeMachineEvent {
  const metadata = readMetadata(event.metadata);
  return {
    type: event.type,
    data: using.upcast(event.type, metadata.schemaVersion ?? 1, event.data as JsonObject),
    actor: metadata.actor,
    at: metadata.occurredAt,
  } as DisputeMachineEvent;
}

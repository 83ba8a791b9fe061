import { type RecordedEvent } from '../event-store.port.js';
import { UnreadableEventError } from '../unreadable-event.error.js';

/**
 * An event as the verifier sees it. Its content is there to hash, unless it is `unreadable` (its
 * stored bytes are not JSON any more) or `withheld` (a case bundle leaves CDG-only material out
 * for a reader who may not see it, keeping only where it stood and its seal, so the chain still
 * runs through it).
 */
export interface ChainEvent extends RecordedEvent {
  readonly content?: 'unreadable' | 'withheld';
}

/** Stands in for an event the store could not read: its place and, when it still parses, its metadata. */
export function unreadableEvent(error: UnreadableEventError): ChainEvent {
  return {
    id: error.eventId,
    streamId: error.streamId,
    revision: error.revision,
    position: error.position,
    type: error.eventType,
    data: {},
    metadata: (error.metadata ?? {}) as RecordedEvent['metadata'],
    recordedAt: new Date(0),
    content: 'unreadable',
  };
}

import { type EventData, jsonEvent, type JSONType, type Position, type ResolvedEvent, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { type JsonObject } from '#core';
import { type EventToAppend, type RecordedEvent } from '../event-store.port.js';
import { portPosition } from './positions.js';

/**
 * One event as the client sends it: content type application/json, our id (so the server's
 * idempotency recognises a retry), the event type, the data, and the engine's metadata (actor,
 * time, correlation, causation, schema version) as the event's JSON metadata.
 */
export function toEventData(event: EventToAppend, metadata: JsonObject = event.metadata): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: metadata as JSONType });
}

/** System streams ($-prefixed: $stats, $settings, $$metadata…) and system event types ($>, $metadata…). */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

export type Conversion = { readonly ok: true; readonly event: RecordedEvent } | { readonly ok: false; readonly reason: string };

/**
 * A recorded event in the port's terms, or why it is not one of ours: a system event, a link, or
 * an event that is not a JSON object (this engine writes nothing else). `stripPrefix` turns the
 * store's stream name back into the engine's.
 */
export function fromResolvedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent, stripPrefix: (name: string) => string | null): Conversion {
  const event = resolved.event;
  if (event === undefined) return { ok: false, reason: 'a link to an event that no longer exists' };
  if (isSystemEvent(event.streamId, event.type)) return { ok: false, reason: 'a system event' };
  const streamId = stripPrefix(event.streamId);
  if (streamId === null) return { ok: false, reason: 'outside this engine’s stream prefix' };
  if (!event.isJson || !isJsonObject(event.data)) return { ok: false, reason: 'not a JSON object event' };
  const position: Position | undefined = event.position ?? (resolved.commitPosition === undefined ? undefined : { commit: resolved.commitPosition, prepare: resolved.commitPosition });
  if (position === undefined) return { ok: false, reason: 'no log position (the server is older than 22.6)' };
  return {
    ok: true,
    event: {
      id: event.id,
      streamId,
      revision: event.revision,
      position: portPosition(position),
      type: event.type,
      data: event.data,
      metadata: isJsonObject(event.metadata) ? event.metadata : {},
      recordedAt: event.created,
    },
  };
}

import { type JsonObject } from '#core';
import { type RecordedEvent } from '../event-store.port.js';
import { UnreadableEventError } from '../unreadable-event.error.js';

/** A row of `events` as read with safe integers on. */
export interface EventRow {
  readonly position: bigint;
  readonly event_id: string;
  readonly stream_id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  const metadata = parsed(row.metadata);
  const data = parsed(row.data);
  if (!metadata.ok || !data.ok) {
    const reason = !data.ok ? `its data is not JSON (${data.reason})` : `its metadata is not JSON (${(metadata as { reason: string }).reason})`;
    throw new UnreadableEventError(row.position, row.stream_id, row.revision, row.event_id, row.type, reason, metadata.ok ? metadata.value : null);
  }
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: data.value,
    metadata: metadata.value,
    recordedAt: new Date(row.recorded_at),
  };
}

type Parsed = { readonly ok: true; readonly value: JsonObject } | { readonly ok: false; readonly reason: string };

function parsed(text: string): Parsed {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'not an object' };
    return { ok: true, value: value as JsonObject };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

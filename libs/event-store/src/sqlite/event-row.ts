import { type JsonObject } from '#core';
import { type RecordedEvent } from '../event-store.port.js';

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
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as JsonObject,
    recordedAt: new Date(row.recorded_at),
  };
}

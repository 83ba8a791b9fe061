import { type AllStreamResolvedEvent, type EventData } from '@eventstore/db-client';
import convertGrpcEvent from '@eventstore/db-client/dist/utils/convertGrpcEvent.js';
import grpcUuid from '@eventstore/db-client/dist/utils/grpcUUID.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';

export interface StoredEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly event: EventData;
  /** The store's clock; "created" travels as 100 ns ticks since the Unix epoch. */
  readonly created?: Date;
  /** Only the legacy TCP protocol's explicit transactions have prepare ≠ commit. */
  readonly preparePosition?: bigint;
}

const TICKS_PER_MS = 10_000n;

/**
 * An event as the server sends it in a read or subscription response (the gRPC ReadResp.ReadEvent
 * message, built with the client's own generated protobuf classes), turned into the client's
 * resolved event by the client's own converter: the objects the adapter really receives, made
 * from the very bytes the client would have sent for `event` (JSON text of data and metadata).
 */
export function recordedOnServer(stored: StoredEvent): AllStreamResolvedEvent {
  const { event } = stored;
  const record = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  record.setId(grpcUuid.createUUID(event.id));
  record.setStreamIdentifier(new sharedPb.StreamIdentifier().setStreamName(Buffer.from(stored.streamId, 'utf8')));
  record.setStreamRevision(String(stored.revision));
  record.setCommitPosition(String(stored.position));
  record.setPreparePosition(String(stored.preparePosition ?? stored.position));
  const metadata = record.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', String(BigInt((stored.created ?? new Date()).getTime()) * TICKS_PER_MS));
  record.setData(event.contentType === 'application/json' ? Buffer.from(JSON.stringify(event.data), 'utf8') : (event.data as Uint8Array));
  if (event.metadata !== undefined) {
    record.setCustomMetadata(event.metadata instanceof Uint8Array ? event.metadata : Buffer.from(JSON.stringify(event.metadata), 'utf8'));
  }
  const read = new streamsPb.ReadResp.ReadEvent();
  read.setEvent(record);
  read.setCommitPosition(String(stored.position));
  return convertGrpcEvent.convertGrpcEvent(read) as AllStreamResolvedEvent;
}

import { type EventStore } from '../event-store.port.js';
import { type ChainFailure } from './chain-failure.js';
import { storeLog, storeStream } from './log-source.js';
import { type StreamHead, type VerificationReport, verifyLog, type VerifyOptions, verifyStreamEvents } from './log-verification.js';

/**
 * Checks a store's whole hash chain (every stream, and with the embedded store the log's positions
 * too) up to its head when called: `{ ok, streams, events, failures }`, each failure naming the
 * event and how the chain broke there. Reads the log page by page; memory grows with the number of
 * streams, not of events.
 */
export function verifyStore(store: EventStore, options: VerifyOptions & { readonly upTo?: bigint } = {}): Promise<VerificationReport> {
  return verifyLog(storeLog(store, { densePositions: store.densePositions === true, ...(options.upTo !== undefined && { upTo: options.upTo }) }), options);
}

/** One stream's chain (`verify --case`): its failures and its head. */
export async function verifyStoredStream(store: EventStore, streamId: string): Promise<{ events: number; failures: ChainFailure[]; head: StreamHead | null }> {
  const events = await storeStream(store, streamId);
  return { events: events.length, ...verifyStreamEvents(events) };
}

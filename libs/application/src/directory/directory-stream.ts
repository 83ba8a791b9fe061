import { type DirectoryEvent } from '#domain';
import { type EventStore, type RecordedEvent } from '#event-store';
import { readMetadata } from '#events';

export type Evolve<S> = (state: S | null, event: DirectoryEvent, at: string) => S | null;

/** An organisation's or person's stream folded into its state, as the directory's write side decides on it. */
export interface LoadedDirectoryStream<S> {
  readonly state: S | null;
  /** The stream's revision (-1 when it has no events). */
  readonly revision: bigint;
  /** Commands already applied, with the revision and position of their last event (idempotent retries). */
  readonly commands: ReadonlyMap<string, { readonly revision: bigint; readonly position: bigint }>;
}

const asDirectoryEvent = (e: RecordedEvent): DirectoryEvent => ({ type: e.type, data: e.data }) as unknown as DirectoryEvent;

/** Reads the whole stream (a person's or organisation's is a handful of events) and folds it. */
export async function loadDirectoryStream<S>(store: EventStore, streamId: string, evolve: Evolve<S>): Promise<LoadedDirectoryStream<S>> {
  const events = await store.readStream(streamId);
  let state: S | null = null;
  let revision = -1n;
  const commands = new Map<string, { revision: bigint; position: bigint }>();
  for (const event of events) {
    const metadata = readMetadata(event.metadata);
    state = evolve(state, asDirectoryEvent(event), metadata.occurredAt);
    revision = event.revision;
    if (metadata.commandId) commands.set(metadata.commandId, { revision, position: event.position });
  }
  return { state, revision, commands };
}

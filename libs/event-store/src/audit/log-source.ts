import { type EventStore, type RecordedEvent } from '../event-store.port.js';
import { UnreadableEventError } from '../unreadable-event.error.js';
import { type ChainEvent, unreadableEvent } from './chain-event.js';

/** Something whose events can be read in log order, as often as needed: a store, an export file. */
export interface LogSource {
  /** Every event, in position order. */
  events(): AsyncIterable<ChainEvent>;
  /** The last position, for progress. */
  head(): Promise<bigint>;
  /** Positions run 1, 2, 3… with no gap (the embedded store and its exports): a gap is a removed event. */
  readonly densePositions: boolean;
}

const PAGE = 1_000;

/**
 * A store's whole log, page by page (bounded memory), up to `upTo` (default: the head it had when
 * the read began). An event the store cannot read (its bytes are damaged) is handed on as
 * unreadable, and the read goes on after it.
 */
export function storeLog(store: EventStore, options: { densePositions: boolean; upTo?: bigint }): LogSource {
  return {
    densePositions: options.densePositions,
    head: async () => options.upTo ?? (await store.headPosition()),
    async *events() {
      const end = options.upTo ?? (await store.headPosition());
      let after = 0n;
      while (after < end) {
        const page = await readAround((from, limit) => store.readAll({ after: from, limit }), after, PAGE, (e) => e.position);
        const last = page.at(-1);
        if (last === undefined) return;
        for (const event of page) {
          if (event.position > end) return;
          yield event;
        }
        after = last.position;
        // The embedded store reads synchronously: let the server answer others between pages.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

/** One stream of a store, read whole (a case is small), reading around an event that cannot be read. */
export async function storeStream(store: EventStore, streamId: string): Promise<ChainEvent[]> {
  const events: ChainEvent[] = [];
  let from = 0n;
  for (;;) {
    // fromRevision is inclusive, readAround's cursor exclusive.
    const page = await readAround((after, limit) => store.readStream(streamId, { fromRevision: after + 1n, limit }), from - 1n, PAGE, (e) => e.revision);
    events.push(...page);
    const last = page.at(-1);
    if (last === undefined) return events;
    from = last.revision + 1n;
  }
}

/**
 * A page read after `after`; when an event in it cannot be read, the events before it one by one,
 * then the unreadable one in its place (the page ends there).
 */
async function readAround(
  read: (after: bigint, limit: number) => Promise<RecordedEvent[]>,
  after: bigint,
  limit: number,
  placeOf: (event: RecordedEvent) => bigint,
): Promise<ChainEvent[]> {
  try {
    return await read(after, limit);
  } catch (error) {
    if (!(error instanceof UnreadableEventError)) throw error;
  }
  const got: ChainEvent[] = [];
  let cursor = after;
  for (;;) {
    try {
      const [event] = await read(cursor, 1);
      if (event === undefined) return got;
      got.push(event);
      cursor = placeOf(event);
    } catch (error) {
      if (!(error instanceof UnreadableEventError)) throw error;
      got.push(unreadableEvent(error));
      return got;
    }
  }
}

import { type EventStore, type ExpectedRevision, type RecordedEvent } from './event-store.port.js';

export interface CopyProgress {
  /** Events read from the source so far. */
  readonly events: number;
  /** Position in the source reached. */
  readonly position: bigint;
  readonly head: bigint;
}

export interface CopyResult {
  readonly events: number;
  readonly appends: number;
}

const PAGE = 500;

/**
 * Copies one store's whole log into another, in the source's global order: every stream keeps
 * its name, revisions, event ids, types, data and metadata (actor, time, causation). Positions
 * and the store's own recorded time are the target's. Consecutive events of one stream go in one
 * append at the revision they had, so a second run (or a run after an interruption) finds them
 * there and the target's idempotency answers without writing: running it again is safe. A target
 * stream that already holds other events stops the copy with WrongExpectedRevisionError.
 */
export async function copyLog(source: EventStore, target: EventStore, onProgress?: (progress: CopyProgress) => void): Promise<CopyResult> {
  const head = await source.headPosition();
  let after = 0n;
  let events = 0;
  let appends = 0;
  for (;;) {
    const page = await source.readAll({ after, limit: PAGE });
    const last = page.at(-1);
    if (last === undefined) break;
    for (const run of runsOfOneStream(page)) {
      const first = run[0] as RecordedEvent;
      const expected: ExpectedRevision = first.revision === 0n ? 'no_stream' : first.revision - 1n;
      await target.append(
        first.streamId,
        run.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
        expected,
      );
      appends += 1;
    }
    events += page.length;
    after = last.position;
    onProgress?.({ events, position: after, head });
  }
  return { events, appends };
}

function runsOfOneStream(page: readonly RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of page) {
    const run = runs.at(-1);
    const previous = run?.at(-1);
    if (run && previous && previous.streamId === event.streamId && previous.revision + 1n === event.revision) run.push(event);
    else runs.push([event]);
  }
  return runs;
}

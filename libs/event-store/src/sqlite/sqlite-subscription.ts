import { type EventSubscription, type RecordedEvent } from '../event-store.port.js';
import { type CommitSignal, type CommitWait } from './commit-signal.js';

/** Reads committed events strictly after a position, synchronously. */
export type ReadAfter = (after: bigint, limit: number) => RecordedEvent[];

/**
 * Catch-up then live, with a single loop: read a batch after the checkpoint; when it is empty,
 * wait for the next commit. Reading from the log every time (never from pushed copies) is what
 * makes it exactly-once and lets a slow consumer fall behind without losing anything.
 */
export class SqliteSubscription implements EventSubscription {
  private stopped = false;
  private pendingWait: CommitWait | null = null;
  private readonly events: AsyncGenerator<RecordedEvent, void, undefined>;

  constructor(
    private readonly readAfter: ReadAfter,
    private readonly commits: CommitSignal,
    after: bigint,
    private readonly batchSize: number,
    private readonly onStop: (subscription: SqliteSubscription) => void,
  ) {
    this.events = this.follow(after);
  }

  /** Single consumer: every call answers the same iterator. */
  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  async unsubscribe(): Promise<void> {
    this.stop();
  }

  /** Ends iteration: a next() waiting for a commit resolves done, and so does any later one. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.pendingWait?.cancel();
    this.pendingWait = null;
    this.onStop(this);
  }

  private async *follow(after: bigint): AsyncGenerator<RecordedEvent, void, undefined> {
    let checkpoint = after;
    try {
      while (!this.stopped) {
        const batch = this.readAfter(checkpoint, this.batchSize);
        if (batch.length === 0) {
          // Registered in the same synchronous run as the empty read: no commit can fall between.
          this.pendingWait = this.commits.wait();
          await this.pendingWait.promise;
          this.pendingWait = null;
          continue;
        }
        for (const event of batch) {
          if (this.stopped) return;
          checkpoint = event.position;
          yield event;
        }
      }
    } finally {
      // Reached on unsubscribe, on store close, and when the consumer breaks out of for-await.
      this.stop();
    }
  }
}

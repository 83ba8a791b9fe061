import { EventStoreClosedError } from '../event-store-closed.error.js';

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * Commits one synchronous batch of requests and answers one outcome per request, in order. It
 * throws only when the whole batch failed (e.g. the COMMIT itself), which rejects every request.
 */
export type CommitBatch<Req, Res> = (requests: readonly Req[]) => Outcome<Res>[];

interface Pending<Req, Res> {
  readonly request: Req;
  resolve(value: Res): void;
  reject(error: unknown): void;
}

/**
 * Group commit: requests submitted during one turn of the event loop are committed together on
 * the next check phase, so many callers share one fsync. Each promise settles only after the
 * batch's transaction has returned, i.e. after COMMIT.
 */
export class GroupCommit<Req, Res> {
  private queue: Pending<Req, Res>[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private closed = false;

  constructor(
    private readonly commitBatch: CommitBatch<Req, Res>,
    private readonly maxBatch: number,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError('maxBatch must be a positive integer');
  }

  submit(request: Req): Promise<Res> {
    if (this.closed) return Promise.reject(new EventStoreClosedError());
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      // setImmediate rather than a microtask: it also gathers requests arriving from other I/O
      // callbacks of the same loop turn (e.g. concurrent HTTP requests).
      this.scheduled ??= setImmediate(() => this.onScheduled());
    });
  }

  /** Stops accepting requests and commits everything already queued, synchronously. */
  close(): void {
    this.closed = true;
    if (this.scheduled !== null) clearImmediate(this.scheduled);
    this.scheduled = null;
    while (this.queue.length > 0) this.flushOne();
  }

  private onScheduled(): void {
    this.scheduled = null;
    this.flushOne();
    // Leftovers beyond maxBatch go on the next turn so I/O is not starved by a long queue.
    if (this.queue.length > 0) this.scheduled = setImmediate(() => this.onScheduled());
  }

  private flushOne(): void {
    const batch = this.queue.splice(0, this.maxBatch);
    let outcomes: Outcome<Res>[];
    try {
      outcomes = this.commitBatch(batch.map((pending) => pending.request));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) pending.reject(new Error('Group commit returned no outcome for a request'));
      else if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }
}

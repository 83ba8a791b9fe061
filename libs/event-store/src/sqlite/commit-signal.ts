export interface CommitWait {
  readonly promise: Promise<void>;
  /** Resolves the promise now and forgets the waiter (used by unsubscribe). */
  cancel(): void;
}

/**
 * "Something was committed": live subscribers wait on it instead of polling. A waiter must be
 * registered in the same synchronous run as the read that found nothing new; since commits happen
 * synchronously on this thread, no commit can slip in between.
 */
export class CommitSignal {
  private waiters = new Set<() => void>();

  wait(): CommitWait {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => {
      wake = resolve;
    });
    this.waiters.add(wake);
    return {
      promise,
      cancel: () => {
        this.waiters.delete(wake);
        wake();
      },
    };
  }

  notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }
}

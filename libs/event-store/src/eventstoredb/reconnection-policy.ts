export interface ReconnectionPolicyOptions {
  /** First wait after a drop. */
  readonly initialDelayMs?: number;
  /** Longest wait between attempts. */
  readonly maxDelayMs?: number;
  /** 0..1 of each delay that is randomised, so many instances do not reconnect in step. */
  readonly jitter?: number;
  /** A number in [0, 1); Math.random by default (tests pass a fixed one). */
  readonly random?: () => number;
}

/**
 * Exponential back-off for re-subscribing after a dropped connection: initial, ×2 each failed
 * attempt, capped; back to the initial delay once the subscription delivers again.
 */
export class ReconnectionPolicy {
  private failures = 0;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(options: ReconnectionPolicyOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 100;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.jitter = options.jitter ?? 0.2;
    this.random = options.random ?? Math.random;
    if (this.initialDelayMs <= 0 || this.maxDelayMs < this.initialDelayMs) throw new RangeError('Back-off needs 0 < initial ≤ max');
    if (this.jitter < 0 || this.jitter > 1) throw new RangeError('Jitter is a fraction from 0 to 1');
  }

  /** Attempts failed in a row since the last delivery. */
  get attempts(): number {
    return this.failures;
  }

  /** The wait before the next attempt, counting this failure. */
  nextDelayMs(): number {
    const exponent = Math.min(this.failures, 30);
    this.failures += 1;
    const base = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** exponent);
    // Jitter only shortens the wait, so the cap is never exceeded.
    return Math.round(base * (1 - this.jitter * this.random()));
  }

  /** The subscription is delivering again. */
  reset(): void {
    this.failures = 0;
  }
}

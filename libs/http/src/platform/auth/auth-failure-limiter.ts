export interface AuthFailureLimits {
  /** Failed authentications allowed per client address within one window. */
  readonly maxFailures: number;
  readonly windowMs: number;
}

export const DEFAULT_AUTH_FAILURE_LIMITS: AuthFailureLimits = { maxFailures: 20, windowMs: 60_000 };

/** Above this many tracked addresses, expired windows are swept before adding another. */
const SWEEP_THRESHOLD = 10_000;

interface Window {
  readonly startedAt: number;
  failures: number;
}

/**
 * Counts failed authentications per client address in a fixed window that opens at the first
 * failure. Once the limit is reached, further bad tokens from that address are answered 429 until
 * the window ends, which sheds a misconfigured client or a guesser cheaply and tells it to back
 * off. A valid token is never refused (AuthenticationGuard checks it first): people behind one
 * shared address (an office, a council's NAT) must not be locked out by a neighbour's mistakes.
 * Guessing is not what this stops: person tokens are 256 random bits, and the configured secrets
 * are at least 16 characters. In memory, per process. Uses the real clock on purpose: CLOCK_FIXED
 * freezes business time, not rate limiting.
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: AuthFailureLimits = DEFAULT_AUTH_FAILURE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until this address may try again, or null when it is not blocked. */
  retryAfterSeconds(address: string): number | null {
    const window = this.currentWindow(address);
    if (window === undefined || window.failures < this.limits.maxFailures) return null;
    return Math.max(1, Math.ceil((window.startedAt + this.limits.windowMs - this.now()) / 1000));
  }

  recordFailure(address: string): void {
    const window = this.currentWindow(address);
    if (window !== undefined) {
      window.failures += 1;
      return;
    }
    if (this.windows.size >= SWEEP_THRESHOLD) this.sweep();
    this.windows.set(address, { startedAt: this.now(), failures: 1 });
  }

  private currentWindow(address: string): Window | undefined {
    const window = this.windows.get(address);
    if (window === undefined) return undefined;
    if (this.now() - window.startedAt < this.limits.windowMs) return window;
    this.windows.delete(address);
    return undefined;
  }

  private sweep(): void {
    const now = this.now();
    for (const [address, window] of this.windows) {
      if (now - window.startedAt >= this.limits.windowMs) this.windows.delete(address);
    }
  }
}

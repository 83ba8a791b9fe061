import { AuthFailureLimiter } from './auth-failure-limiter.js';

describe('AuthFailureLimiter', () => {
  let now: number;
  const limiter = (): AuthFailureLimiter => new AuthFailureLimiter({ maxFailures: 3, windowMs: 60_000 }, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets an address fail up to the limit before blocking it', () => {
    const limits = limiter();
    limits.recordFailure('10.0.0.1');
    limits.recordFailure('10.0.0.1');
    expect(limits.retryAfterSeconds('10.0.0.1')).toBeNull();
    limits.recordFailure('10.0.0.1');
    expect(limits.retryAfterSeconds('10.0.0.1')).toBe(60);
  });

  it('counts addresses separately', () => {
    const limits = limiter();
    for (let i = 0; i < 3; i++) limits.recordFailure('10.0.0.1');
    expect(limits.retryAfterSeconds('10.0.0.2')).toBeNull();
  });

  it('says how long is left in the window', () => {
    const limits = limiter();
    for (let i = 0; i < 3; i++) limits.recordFailure('10.0.0.1');
    now += 45_500;
    expect(limits.retryAfterSeconds('10.0.0.1')).toBe(15);
  });

  it('forgets the failures once the window has passed', () => {
    const limits = limiter();
    for (let i = 0; i < 3; i++) limits.recordFailure('10.0.0.1');
    now += 60_000;
    expect(limits.retryAfterSeconds('10.0.0.1')).toBeNull();
    limits.recordFailure('10.0.0.1');
    expect(limits.retryAfterSeconds('10.0.0.1')).toBeNull();
  });

  it('defaults to 20 failures a minute', () => {
    const limits = new AuthFailureLimiter(undefined, () => now);
    for (let i = 0; i < 19; i++) limits.recordFailure('10.0.0.1');
    expect(limits.retryAfterSeconds('10.0.0.1')).toBeNull();
    limits.recordFailure('10.0.0.1');
    expect(limits.retryAfterSeconds('10.0.0.1')).toBe(60);
  });
});

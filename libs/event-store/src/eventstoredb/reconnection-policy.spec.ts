import { ReconnectionPolicy } from './reconnection-policy.js';

describe('ReconnectionPolicy', () => {
  it('doubles the wait after each failed attempt up to the cap', () => {
    const policy = new ReconnectionPolicy({ initialDelayMs: 100, maxDelayMs: 2_000, jitter: 0 });
    expect(Array.from({ length: 7 }, () => policy.nextDelayMs())).toEqual([100, 200, 400, 800, 1_600, 2_000, 2_000]);
    expect(policy.attempts).toBe(7);
  });

  it('starts again from the first wait once the subscription delivers', () => {
    const policy = new ReconnectionPolicy({ initialDelayMs: 50, maxDelayMs: 1_000, jitter: 0 });
    policy.nextDelayMs();
    policy.nextDelayMs();
    policy.reset();
    expect(policy.attempts).toBe(0);
    expect(policy.nextDelayMs()).toBe(50);
  });

  it('randomises only downwards, so the cap holds', () => {
    const low = new ReconnectionPolicy({ initialDelayMs: 1_000, maxDelayMs: 1_000, jitter: 0.5, random: () => 0.9 });
    const high = new ReconnectionPolicy({ initialDelayMs: 1_000, maxDelayMs: 1_000, jitter: 0.5, random: () => 0 });
    expect(low.nextDelayMs()).toBe(550);
    expect(high.nextDelayMs()).toBe(1_000);
  });

  it('never overflows however long the outage', () => {
    const policy = new ReconnectionPolicy({ initialDelayMs: 100, maxDelayMs: 10_000, jitter: 0 });
    for (let i = 0; i < 1_000; i++) policy.nextDelayMs();
    expect(policy.nextDelayMs()).toBe(10_000);
  });

  it('refuses settings that make no sense', () => {
    expect(() => new ReconnectionPolicy({ initialDelayMs: 0 })).toThrow(RangeError);
    expect(() => new ReconnectionPolicy({ initialDelayMs: 500, maxDelayMs: 100 })).toThrow(RangeError);
    expect(() => new ReconnectionPolicy({ jitter: 2 })).toThrow(RangeError);
  });
});

import { paced } from './load.js';

/** Holds the thread, as a stalled server or a long collection in the load generator would. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('paced (open loop)', () => {
  it('keeps the rate asked when every operation is answered at once', async () => {
    const run = await paced(200, { warmupSeconds: 0.1, seconds: 1 }, async () => {});
    expect(run.failures).toBe(0);
    expect(run.count).toBeGreaterThanOrEqual(195);
    expect(run.count).toBeLessThanOrEqual(201);
    expect(run.perSecond).toBeGreaterThan(150);
  });

  it('times each operation from its intended send time, so a stall counts against every operation that should have gone out during it', async () => {
    let sent = 0;
    const run = await paced(200, { warmupSeconds: 0, seconds: 1 }, async () => {
      sent += 1;
      // A quarter of a second in, the thread stalls for 300 ms: 60 operations are due meanwhile.
      if (sent === 50) block(300);
    });
    // Timed from when they were actually sent, the late ones would take no time at all; from their slots, about 60 of 200 waited 0–300 ms.
    expect(run.count).toBeGreaterThanOrEqual(195);
    expect(run.p99Ms).toBeGreaterThan(200);
    // Loose bound: the machine may be busy with other suites; the point is p99 against p50.
    expect(run.p50Ms).toBeLessThan(100);
  });

  it('sends on schedule while earlier operations are still unanswered, and waits for them all', async () => {
    const run = await paced(100, { warmupSeconds: 0, seconds: 0.5 }, () => new Promise((done) => setTimeout(done, 200)));
    // 200 ms each at 100/s: about 20 in flight at once, none sent late for want of an answer.
    expect(run.mostInFlight).toBeGreaterThanOrEqual(15);
    expect(run.count).toBeGreaterThanOrEqual(49);
    expect(run.p50Ms).toBeGreaterThanOrEqual(199);
    expect(run.p50Ms).toBeLessThan(400);
  });
});

import { latencyOf, type Latency } from './stats.js';

export interface LoadResult extends Latency {
  /** Operations completed per second inside the measured window. */
  readonly perSecond: number;
  readonly seconds: number;
  readonly failures: number;
}

/** Times one operation of a script; answers false once the run is over (the script should stop). */
export type Timed = <T>(operation: () => Promise<T>) => Promise<T>;

export class RunOver extends Error {}

/**
 * K lanes each running `script` again and again; every operation a script times counts once it
 * completes inside the measured window (after the warm-up). When the window ends, the next timed
 * call throws RunOver and the lane stops, so the load is K in flight the whole time.
 */
export async function drive(
  lanes: number,
  window: { readonly warmupSeconds: number; readonly seconds: number },
  script: (time: Timed, lane: number) => Promise<void>,
): Promise<LoadResult> {
  const start = performance.now();
  const from = start + window.warmupSeconds * 1000;
  const until = from + window.seconds * 1000;
  const samples: number[] = [];
  let failures = 0;
  const time: Timed = async (operation) => {
    const began = performance.now();
    if (began >= until) throw new RunOver();
    const value = await operation();
    const ended = performance.now();
    if (began >= from && ended <= until) samples.push(ended - began);
    return value;
  };
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      while (performance.now() < until) {
        try {
          await script(time, lane);
        } catch (error) {
          if (error instanceof RunOver) return;
          failures += 1;
          if (failures === 1) console.error(`  a lane failed: ${error instanceof Error ? error.message : String(error)}`);
          if (failures > 20) throw error;
        }
      }
    }),
  );
  return { ...latencyOf(samples), perSecond: samples.length / window.seconds, seconds: window.seconds, failures };
}

export interface PacedResult extends LoadResult {
  /** The arrival rate asked for, operations/s. */
  readonly ratePerSecond: number;
  /** Most operations in flight at once. */
  readonly mostInFlight: number;
}

/**
 * Open loop: operations sent on a fixed schedule, one every 1/rate seconds, whether or not the
 * earlier ones have been answered. Each latency runs from the operation's **intended** send time
 * on that schedule, not from when it was actually sent, so a stall (of the server, or of this
 * process) is charged to every operation that should have gone out during it (no coordinated
 * omission). The operations whose intended time falls in the window are all waited for (up to
 * `drainSeconds`); the rate achieved is their count over the time from the window's start until
 * the last of them is answered, so a server that falls behind shows a rate below the one asked.
 */
export async function paced(
  ratePerSecond: number,
  window: { readonly warmupSeconds: number; readonly seconds: number },
  operation: () => Promise<void>,
  drainSeconds = 30,
): Promise<PacedResult> {
  const interval = 1000 / ratePerSecond;
  const start = performance.now();
  const from = start + window.warmupSeconds * 1000;
  const until = from + window.seconds * 1000;
  const samples: number[] = [];
  const inWindow: Promise<void>[] = [];
  let failures = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  let lastAnswer = from;
  const send = (intended: number) => {
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    const done = operation().then(
      () => {
        const ended = performance.now();
        if (intended >= from) {
          samples.push(ended - intended);
          lastAnswer = Math.max(lastAnswer, ended);
        }
      },
      (error: unknown) => {
        failures += 1;
        if (failures === 1) console.error(`  an operation failed: ${error instanceof Error ? error.message : String(error)}`);
      },
    ).finally(() => (inFlight -= 1));
    if (intended >= from) inWindow.push(done);
  };
  for (let slot = 0; ; slot++) {
    const intended = start + slot * interval;
    if (intended >= until) break;
    const wait = intended - performance.now();
    // Timers are late by a millisecond or more: the operations due meanwhile go out together, each still timed from its own slot.
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    send(intended);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const drained = await Promise.race([
    Promise.all(inWindow).then(() => true),
    new Promise<boolean>((done) => (timer = setTimeout(() => done(false), drainSeconds * 1000))),
  ]);
  clearTimeout(timer);
  if (!drained) throw new Error(`paced: operations still unanswered ${drainSeconds} s after the window`);
  const latency = latencyOf(samples);
  return { ...latency, perSecond: samples.length / ((lastAnswer - from) / 1000), seconds: window.seconds, failures, ratePerSecond, mostInFlight };
}

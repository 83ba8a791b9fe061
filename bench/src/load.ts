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

/** Latency samples of one run, in milliseconds. */
export interface Latency {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly count: number;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function latencyOf(samples: readonly number[]): Latency {
  const sorted = Float64Array.from(samples).sort();
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), count: sorted.length };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

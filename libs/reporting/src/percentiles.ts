/**
 * Nearest-rank percentiles of whole numbers kept as a histogram (value → how many): the p-th
 * percentile is the smallest value with at least p% of the values at or below it. The median is
 * the 50th (for an even count, the lower of the two middle values). Null for no values.
 */
export function percentileOf(histogram: ReadonlyMap<number, number>, p: number): number | null {
  const n = [...histogram.values()].reduce((s, c) => s + c, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value) ?? 0;
    if (seen >= rank) return value;
  }
  return null;
}

export const countOf = (histogram: ReadonlyMap<number, number>): number => [...histogram.values()].reduce((s, c) => s + c, 0);

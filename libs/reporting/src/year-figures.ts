import { type Metric, METRIC, type TotalRow } from './report-metrics.js';

/** The counters of one reporting year, read from the sums (levels summed over every year up to it). */
export class YearFigures {
  private readonly values = new Map<string, number>();

  constructor(
    readonly year: number,
    totals: readonly TotalRow[],
  ) {
    for (const t of totals) {
      const level = t.metric.startsWith('level.');
      if (level ? t.year > year : t.year !== year) continue;
      const key = this.key(t.metric, t.dim1, t.dim2);
      this.values.set(key, (this.values.get(key) ?? 0) + t.value);
    }
  }

  get(metric: Metric, dim1 = '', dim2 = ''): number {
    return this.values.get(this.key(metric, dim1, dim2)) ?? 0;
  }

  /** The first breakdown's values with anything counted, sorted. */
  dims(metric: Metric): string[] {
    const prefix = `${metric}\u001f`;
    const found = new Set<string>();
    for (const [key, n] of this.values) if (n !== 0 && key.startsWith(prefix)) found.add(key.slice(prefix.length).split('\u001f')[0] ?? '');
    return [...found].sort();
  }

  /** A histogram kept in dim2 (working days → how many), for one dim1. */
  histogram(metric: Metric, dim1 = ''): Map<number, number> {
    const prefix = `${metric}\u001f${dim1}\u001f`;
    const histogram = new Map<number, number>();
    for (const [key, n] of this.values) if (n !== 0 && key.startsWith(prefix)) histogram.set(Number(key.slice(prefix.length)), n);
    return histogram;
  }

  /** Cases open at the year end: the level summed over every year up to this one. */
  openAtYearEnd(): number {
    return this.get(METRIC.levelOpen);
  }

  private key(metric: string, dim1: string, dim2: string): string {
    return `${metric}\u001f${dim1}\u001f${dim2}`;
  }
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';

/** One measured figure; `ratios` compares it with baselines of the same run (same unit: value ÷ baseline). */
export interface Figure {
  readonly key: string;
  readonly section: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly ratios: Readonly<Record<string, number>>;
  readonly note?: string;
}

export interface FigureInput {
  readonly key: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  /** Keys of figures already recorded to divide by. */
  readonly vs?: readonly string[];
  readonly note?: string;
}

const format = (value: number) =>
  !Number.isFinite(value) ? String(value) : Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);

/** The figures of one `npm run bench`: printed as a table, written as JSON. */
export class Results {
  private readonly figures = new Map<string, Figure>();
  private readonly extras: Record<string, unknown> = {};
  private readonly started = performance.now();

  constructor(readonly options: { readonly quick: boolean; readonly argv: readonly string[] }) {}

  add(section: string, input: FigureInput): Figure {
    const ratios: Record<string, number> = {};
    for (const key of input.vs ?? []) {
      const baseline = this.figures.get(key);
      if (baseline) ratios[key] = input.value / baseline.value;
    }
    const { vs: _vs, ...rest } = input;
    const figure: Figure = { ...rest, section, ratios };
    this.figures.set(input.key, figure);
    console.log(`  ${this.line(figure)}`);
    return figure;
  }

  get(key: string): Figure | undefined {
    return this.figures.get(key);
  }

  /** A top-level field of the JSON (httpVsRawFull, counters). */
  set(key: string, value: unknown): void {
    this.extras[key] = value;
  }

  print(): void {
    let section = '';
    console.log('\n=== npm run bench: every figure with its ratio to a baseline of the same run (value ÷ baseline, same unit) ===');
    for (const figure of this.figures.values()) {
      if (figure.section !== section) console.log(`\n${(section = figure.section)}`);
      console.log(`  ${this.line(figure)}`);
    }
    for (const [key, value] of Object.entries(this.extras)) {
      if (typeof value === 'number') console.log(`\n${key}: ${format(value)}`);
      else if (value && typeof value === 'object') console.log(`\n${key}: ${Object.entries(value).map(([k, v]) => `${k} ${String(v)}`).join(', ')}`);
    }
  }

  write(dir: string): string {
    mkdirSync(dir, { recursive: true });
    const at = new Date().toISOString();
    const file = join(dir, `${at.replaceAll(':', '-').slice(0, 19)}${this.options.quick ? '-quick' : ''}.json`);
    const json = {
      at,
      quick: this.options.quick,
      argv: this.options.argv,
      seconds: (performance.now() - this.started) / 1000,
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        memoryGb: Math.round(totalmem() / 2 ** 30),
        kernel: release(),
        node: process.version,
        loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
      },
      ...this.extras,
      figures: [...this.figures.values()],
    };
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    return file;
  }

  private line(figure: Figure): string {
    const latency = figure.p50Ms !== undefined ? `  p50 ${format(figure.p50Ms)} ms  p99 ${format(figure.p99Ms ?? Number.NaN)} ms` : '';
    const ratios = Object.entries(figure.ratios)
      .map(([key, ratio]) => `${ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}× ${key}`)
      .join(', ');
    return `${figure.name.padEnd(62)} ${`${format(figure.value)} ${figure.unit}`.padStart(16)}${latency.padEnd(32)}${ratios ? `  ${ratios}` : ''}${figure.note ? `  (${figure.note})` : ''}`;
  }
}

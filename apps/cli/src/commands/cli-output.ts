import cliProgress from 'cli-progress';
import { serializeJson } from '#http';

export interface OutputOptions {
  /** --json: JSON on stdout whatever it is connected to. */
  readonly json?: boolean;
  /** --text: text even when stdout is not a terminal. */
  readonly text?: boolean;
}

export interface Progress {
  update(value: bigint | number, total: bigint | number): void;
  stop(): void;
}

/**
 * Where a command's answer goes: text for a person on a terminal, JSON (one document on stdout)
 * when asked (--json) or when stdout is piped or redirected (unless --text). Progress bars go to
 * stderr, and only when it is a terminal, so neither ever mixes into the answer.
 */
export class Output {
  readonly json: boolean;

  constructor(
    options: OutputOptions,
    private readonly stdout: NodeJS.WriteStream = process.stdout,
    private readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {
    this.json = options.json === true || (options.text !== true && !stdout.isTTY);
  }

  /** The command's answer: `value` as JSON, or the lines `text` gives. */
  answer(value: unknown, text: () => readonly string[]): void {
    this.stdout.write(this.json ? `${serializeJson(value)}\n` : `${text().join('\n')}\n`);
  }

  /** A line for a person (not part of the answer): on stderr when the answer is JSON. */
  note(line: string): void {
    (this.json ? this.stderr : this.stdout).write(`${line}\n`);
  }

  /** A progress bar on a terminal; nothing otherwise. */
  progress(label: string, unit = 'events'): Progress {
    if (!this.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit}`, hideCursor: true, clearOnComplete: false, stream: this.stderr },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (value, total) => {
        const t = Math.max(1, Number(total));
        if (!started) {
          bar.start(t, 0);
          started = true;
        }
        bar.setTotal(t);
        bar.update(Math.min(Number(value), t));
      },
      stop: () => started && bar.stop(),
    };
  }
}

/** The options every command takes for its output. */
export const OUTPUT_HELP = {
  json: 'print the answer as JSON (the default when stdout is not a terminal)',
  text: 'print text even when stdout is not a terminal',
} as const;

/** Where the write path reports what it did, for metrics; the HTTP platform plugs Prometheus in. */
export interface CommandObserver {
  commandFinished(command: string, result: string, seconds: number): void;
  appended(seconds: number): void;
}

export const COMMAND_OBSERVER = Symbol('COMMAND_OBSERVER');

export const NO_OBSERVER: CommandObserver = { commandFinished: () => undefined, appended: () => undefined };

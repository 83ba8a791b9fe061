/**
 * What the command line's exit status means, for scripts (documented in the README, "Command line").
 * Every command exits with one of these.
 */
export const EXIT = {
  /** Done; a check found nothing wrong. */
  ok: 0,
  /** A check found something: a chain broke, a checkpoint does not match, read models differ, an import was refused. */
  findings: 1,
  /** The command line is wrong: an unknown command or option, a missing or bad argument. */
  usage: 2,
  /** It could not run: a bad setting, no store or no such case, a file missing or unreadable, the data directory in use. */
  cannotRun: 3,
  /** An unexpected error (a fault in the program): the message and its stack are printed. */
  fault: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the command line reports as its message alone, with this exit status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.cannotRun,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

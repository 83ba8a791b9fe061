import { NotFoundError } from '#core';
import { ConfigurationError } from '#config';
import { ExportFormatError, ImportRefusedError, SigningKeyExposedError } from '#event-store';
import { BundleFormatError } from '#audit';
import { DataDirInUseError } from '#projections';
import { CliError, EXIT, type ExitCode } from './exit-codes.js';

/**
 * Runs a command's action and turns what it throws into a message and an exit status (EXIT):
 * known troubles are their message alone; anything else is a fault, printed with its stack.
 */
export function runCommand<A extends unknown[]>(action: (...args: A) => Promise<ExitCode>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    let code: ExitCode;
    try {
      code = await action(...args);
    } catch (error) {
      code = exitCodeOf(error);
      console.error(code === EXIT.fault && error instanceof Error ? (error.stack ?? error.message) : messageOf(error));
    }
    process.exitCode = code;
  };
}

function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof ImportRefusedError) return EXIT.findings;
  // A file whose first line is not an export is the wrong file; a broken line further on is damage to report.
  if (error instanceof ExportFormatError) return error.line > 1 ? EXIT.findings : EXIT.cannotRun;
  if (error instanceof BundleFormatError) return EXIT.cannotRun;
  if (error instanceof ConfigurationError || error instanceof DataDirInUseError || error instanceof NotFoundError || error instanceof SigningKeyExposedError) return EXIT.cannotRun;
  if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT' || (error as NodeJS.ErrnoException | null)?.code === 'EACCES') return EXIT.cannotRun;
  return EXIT.fault;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

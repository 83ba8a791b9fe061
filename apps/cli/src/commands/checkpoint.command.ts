import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command } from 'commander';
import { RuleViolationError } from '#core';
import { SystemClock } from '#application';
import { CLI_OPERATOR, LogAudit } from '#audit';
import { loadOrCreateSigningKey } from '#event-store';
import { Output, OUTPUT_HELP, type OutputOptions } from './cli-output.js';
import { existingStoreFile, settingsFromEnvironment, withStore } from './data-dir.js';
import { CliError, EXIT } from './exit-codes.js';
import { runCommand } from './run-command.js';

interface CheckpointOptions extends OutputOptions {
  readonly out: string;
  readonly position?: string;
}

/** `checkpoint --out FILE`: the head of every stream and the log hash, signed with the data directory's key, as GET /audit/checkpoint gives it. */
export function addCheckpointCommand(program: Command): void {
  program
    .command('checkpoint')
    .description('sign the head of every stream and the log hash of DATA_DIR\'s store with its Ed25519 key, to keep and later verify an export against; prints the public key')
    .requiredOption('--out <path>', 'where to write the checkpoint (never overwritten)')
    .option('--position <n>', 'as the log stood at this position (default: its head)')
    .option('--json', OUTPUT_HELP.json)
    .option('--text', OUTPUT_HELP.text)
    .action(
      runCommand(async (options: CheckpointOptions) => {
        if (options.position !== undefined && !/^\d{1,19}$/.test(options.position)) throw new CliError('--position must be a whole number.', EXIT.usage);
        const settings = settingsFromEnvironment();
        const output = new Output(options);
        const file = resolve(options.out);
        if (existsSync(file)) throw new CliError(`${file} exists already: choose another --out, or move it away.`);
        existingStoreFile(settings);
        const key = loadOrCreateSigningKey(settings.dataDir);
        try {
          const checkpoint = await withStore(settings, (store) => new LogAudit(store, key, new SystemClock()).checkpoint(CLI_OPERATOR, options.position === undefined ? undefined : BigInt(options.position)));
          writeFileSync(file, `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: 'wx' });
          output.answer({ file, position: checkpoint.position, events: checkpoint.events, logHash: checkpoint.logHash, signedBy: checkpoint.signedBy }, () => [
            `✓ Checkpoint of position ${checkpoint.position} (${checkpoint.events} events, ${Object.keys(checkpoint.streams).length} streams) written to ${file}.`,
            `  signed by ${key.fingerprint}:`,
            key.publicKeyPem.trimEnd(),
          ]);
          return EXIT.ok;
        } catch (error) {
          if (error instanceof RuleViolationError) throw new CliError(error.message, EXIT.findings);
          throw error;
        }
      }),
    );
}

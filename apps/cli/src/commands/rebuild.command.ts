import { NestFactory } from '@nestjs/core';
import { type Command } from 'commander';
import { ApplicationModule, rebuildWithProgressBar } from '#application';
import { DataDirRegistration, ReadModels } from '#projections';
import { Output, OUTPUT_HELP, type OutputOptions } from './cli-output.js';
import { settingsFromEnvironment } from './data-dir.js';
import { CliError, EXIT } from './exit-codes.js';
import { runCommand } from './run-command.js';

/** `rebuild [projections...]`: read models rebuilt from position zero into fresh files and swapped in (server stopped). */
export function addRebuildCommand(program: Command): void {
  program
    .command('rebuild')
    .argument('[projections...]', 'read models to rebuild (default: all)')
    .description('rebuild read models from position zero into fresh files and swap them in, with a progress bar (the server must be stopped: see the README, Operations)')
    .option('--json', OUTPUT_HELP.json)
    .option('--text', OUTPUT_HELP.text)
    .action(
      runCommand(async (names: string[], options: OutputOptions) => {
        const settings = settingsFromEnvironment();
        const output = new Output(options);
        // Before anything is opened: a running server would go on reading the files a rebuild replaces.
        DataDirRegistration.assertUnused(settings.dataDir);
        // No scheduler runs here: a rebuild only reads the log.
        const app = await NestFactory.createApplicationContext(ApplicationModule.forRoot(settings, { scheduler: { enabled: false } }), { logger: ['error'] });
        try {
          await app.init();
          const known = app.get(ReadModels).names;
          const unknown = names.filter((n) => !known.includes(n));
          if (unknown.length > 0) throw new CliError(`No read model called ${unknown.join(', ')}; there are ${known.join(', ')}.`, EXIT.usage);
          const results = await rebuildWithProgressBar(app.get(ReadModels), names, process.stderr.isTTY ? process.stderr : nowhere);
          output.answer({ rebuilt: results }, () =>
            results.map((r) => `${r.name}: ${r.events} events to position ${String(r.position)} in ${r.milliseconds} ms, ${r.failures} failures, ${r.haltedStreams} streams halted`),
          );
          return results.some((r) => r.failures > 0) ? EXIT.findings : EXIT.ok;
        } finally {
          await app.close();
        }
      }),
    );
}

/** Where the bars go when stderr is not a terminal: nowhere. */
const nowhere = { write: () => true } as unknown as NodeJS.WritableStream;

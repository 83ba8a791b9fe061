import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Command } from 'commander';
import { importLog, openExportFile, SqliteEventStore, verifyStore } from '#event-store';
import { DataDirRegistration } from '#projections';
import { Output, OUTPUT_HELP, type OutputOptions } from './cli-output.js';
import { settingsFromEnvironment } from './data-dir.js';
import { CliError, EXIT } from './exit-codes.js';
import { runCommand } from './run-command.js';

interface ImportOptions extends OutputOptions {
  readonly file: string;
}

const removeDatabase = (file: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
};

/**
 * `import --file log.ndjson`: an export written back into DATA_DIR's empty embedded store, with the
 * same positions, ids, revisions, bytes, seals and recorded times. Refused, writing nothing, when
 * the file's chain does not verify or the store already holds events. Built in a scratch file and
 * moved into place once it verifies as the file did.
 */
export function addImportCommand(program: Command): void {
  program
    .command('import')
    .description('write an exported log (docs/export-format.md) into the empty store in DATA_DIR, exactly as it was; refused if its chain does not verify. Needs the server stopped')
    .requiredOption('--file <path>', 'the export (.ndjson)')
    .option('--json', OUTPUT_HELP.json)
    .option('--text', OUTPUT_HELP.text)
    .action(
      runCommand(async (options: ImportOptions) => {
        const settings = settingsFromEnvironment();
        if (settings.eventStore !== 'sqlite') throw new CliError('import writes the embedded store (EVENT_STORE=sqlite): import into one, then move it to KurrentDB with copy-log (docs/production.md).');
        const output = new Output(options);
        const file = await openExportFile(options.file);
        mkdirSync(settings.dataDir, { recursive: true });
        // A running server would go on using the file this replaces.
        DataDirRegistration.assertUnused(settings.dataDir);
        const target = join(settings.dataDir, 'events.sqlite');
        if (existsSync(target)) {
          const existing = SqliteEventStore.open({ filename: target });
          const head = await existing.headPosition().finally(() => existing.close());
          if (head > 0n) throw new CliError(`The store at ${target} holds events already (to position ${head}): import goes into an empty data directory.`);
        }
        const scratch = `${target}.importing-${process.pid}`;
        removeDatabase(scratch);
        const store = SqliteEventStore.open({ filename: scratch });
        const progress = output.progress('Importing');
        try {
          const imported = await importLog(file, store, (p) => progress.update(p.position, p.head));
          const check = await verifyStore(store);
          const expected = imported.verification.heads;
          if (!check.ok || check.heads.logHash !== expected.logHash || check.heads.position !== expected.position) {
            throw new CliError(`The imported store does not verify as the file did (log hash ${check.heads.logHash}, expected ${expected.logHash}): nothing was imported.`, EXIT.findings);
          }
          await store.close();
          removeDatabase(target);
          renameSync(scratch, target);
          output.answer({ file: options.file, store: target, events: imported.events, position: check.heads.position, streams: check.streams, logHash: check.heads.logHash }, () => [
            `✓ Imported ${imported.events} events in ${check.streams} streams, to position ${check.heads.position}, into ${target}.`,
            `  log hash: ${check.heads.logHash} (the file's)`,
            'Start the server on this DATA_DIR (npm start), or run `npm run cli -- rebuild`: the read models build from the log.',
          ]);
          return EXIT.ok;
        } finally {
          progress.stop();
          await store.close();
          removeDatabase(scratch);
        }
      }),
    );
}

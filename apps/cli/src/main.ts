import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { ConfigurationError, loadSettings } from '#config';
import { copyLog, EventStoreDbEventStore, redactedConnectionString, SqliteEventStore } from '#event-store';
import { startApi } from '../../api/src/start-api.js';
import { addCheckProjectionsCommand } from './commands/check-projections.command.js';
import { addCheckpointCommand } from './commands/checkpoint.command.js';
import { EXIT } from './commands/exit-codes.js';
import { addExportCommand } from './commands/export.command.js';
import { addImportCommand } from './commands/import.command.js';
import { addRebuildCommand } from './commands/rebuild.command.js';
import { addReplayCommand } from './commands/replay.command.js';
import { addVerifyCommand } from './commands/verify.command.js';
import { prepareDemo, printTokens } from './demo/demo-command.js';
import { registerReportCommand } from './report/report-command.js';

/**
 * The command line (`npm run cli -- …`, `npx compact-disputes …`): `demo`, `serve`, the auditors'
 * `replay`, `verify`, `export`, `import`, `checkpoint`, `check-projections`, and `rebuild`,
 * `copy-log`. Settings come from the environment; exit statuses are EXIT's (commands/exit-codes.ts).
 */
const program = new Command()
  .name('compact-disputes')
  .description('The Cambridgeshire Compact section 6 dispute engine')
  .showHelpAfterError()
  // Usage errors exit 2 (EXIT.usage), help 0, rather than commander's 1.
  .exitOverride();

program
  .command('demo')
  .description('load the demo data set into an empty DATA_DIR, then start the API and print tokens to try it with')
  .action(async () => {
    const settings = loadSettings();
    // With CLOCK_FIXED the server's clock stands at that instant, so the demo is planned for it too.
    const tokens = await prepareDemo(settings, settings.clockFixed ? new Date(settings.clockFixed) : new Date());
    const app = await startApi({ settings: () => settings });
    if (!app) process.exit(1);
    // After the server's start-up lines, which pino writes asynchronously: the tokens must not scroll away under them.
    setTimeout(() => printTokens(tokens, `http://${settings.host === '0.0.0.0' ? '127.0.0.1' : settings.host}:${settings.port}`), 250);
  });

program
  .command('serve')
  .description('start the API (the same as npm start)')
  .action(async () => {
    const app = await startApi();
    if (!app) process.exit(1);
  });

program
  .command('copy-log')
  .description('copy the embedded store (DATA_DIR/events.sqlite) into EventStoreDB/KurrentDB: same streams, revisions, ids, data and metadata; safe to run again')
  .option('--to <connection-string>', 'the KurrentDB connection string (default: EVENTSTORE_CONNECTION_STRING)')
  .action(async (options: { to?: string }) => {
    const settings = loadSettings();
    const connectionString = options.to ?? settings.eventStoreConnectionString;
    if (!connectionString) throw new Error('Name the target with --to <connection-string> or EVENTSTORE_CONNECTION_STRING.');
    const file = join(settings.dataDir, 'events.sqlite');
    if (!existsSync(file)) throw new Error(`There is no embedded store at ${file}.`);
    const source = SqliteEventStore.open({ filename: file });
    const target = new EventStoreDbEventStore({
      connectionString,
      ...(settings.eventStoreStreamPrefix !== undefined && { streamPrefix: settings.eventStoreStreamPrefix }),
    });
    try {
      console.log(`Copying ${file} to ${redactedConnectionString(connectionString)}`);
      const result = await copyLog(source, target, (p) => process.stdout.write(`\r${p.events} events, position ${String(p.position)} of ${String(p.head)}`));
      console.log(`\nCopied ${result.events} events in ${result.appends} appends. Start the API with EVENT_STORE=eventstoredb; its read models rebuild from the new log.`);
    } finally {
      await source.close();
      await target.close();
    }
  });
registerReportCommand(program);

addReplayCommand(program);
addVerifyCommand(program);
addExportCommand(program);
addImportCommand(program);
addCheckpointCommand(program);
addCheckProjectionsCommand(program);
addRebuildCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return;
  }
  console.error(error instanceof ConfigurationError || error instanceof Error ? error.message : error);
  process.exit(error instanceof ConfigurationError ? EXIT.cannotRun : 1);
});

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { ApplicationModule, rebuildWithProgressBar } from '#application';
import { ReadModels } from '#projections';
import { ConfigurationError, loadSettings } from '#config';
import { startApi } from '../../api/src/start-api.js';
import { prepareDemo, printTokens } from './demo/demo-command.js';
import { registerReportCommand } from './report/report-command.js';

/** The command line: `demo` (load and serve the demo), `serve`, `rebuild`. Settings come from the environment. */
const program = new Command()
  .name('compact-disputes')
  .description('The Cambridgeshire Compact section 6 dispute engine')
  .showHelpAfterError();

program
  .command('demo')
  .description('load the demo data set into an empty DATA_DIR, then start the API and print tokens to try it with')
  .action(async () => {
    const settings = loadSettings();
    const tokens = await prepareDemo(settings, new Date());
    const app = await startApi({ settings: () => settings });
    if (!app) process.exit(1);
    printTokens(tokens, `http://${settings.host === '0.0.0.0' ? '127.0.0.1' : settings.host}:${settings.port}`);
  });

program
  .command('serve')
  .description('start the API (the same as npm start)')
  .action(async () => {
    const app = await startApi();
    if (!app) process.exit(1);
  });

program
  .command('rebuild')
  .argument('[projections...]', 'read models to rebuild (default: all)')
  .description('rebuild read models from position zero into fresh files and swap them in, with a progress bar')
  .action(async (names: string[]) => {
    const settings = loadSettings();
    // No scheduler runs here: a rebuild only reads the log.
    const app = await NestFactory.createApplicationContext(ApplicationModule.forRoot(settings, { scheduler: { enabled: false } }), { logger: ['error'] });
    await app.init();
    try {
      const results = await rebuildWithProgressBar(app.get(ReadModels), names);
      for (const r of results) console.log(`${r.name}: ${r.events} events to position ${String(r.position)} in ${r.milliseconds} ms, ${r.failures} failures, ${r.haltedStreams} streams halted`);
    } finally {
      await app.close();
    }
  });

registerReportCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof ConfigurationError || error instanceof Error ? error.message : error);
  process.exit(1);
});

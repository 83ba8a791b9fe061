import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ApplicationModule, createCalendar } from '#application';
import { type AppSettings } from '#config';
import { inspectDataDir, moveIntoPlace, refusal, removeAbandonedScratchDirs, scratchDirFor, TOKENS_FILE, DemoDataDirError } from './demo-data-dir.js';
import { type DemoToken, loadDemoPlan } from './demo-loader.js';
import { type DemoPlan, planDemo } from './demo-plan.js';

export interface PrepareDemoOptions {
  /** The plan to load instead of the one made for `now` (tests). */
  readonly plan?: DemoPlan;
  readonly log?: (line: string) => void;
}

/**
 * Loads the demo planned for `now` into an empty (or missing) data directory, or, when the
 * directory already holds a complete demo, reads back the tokens it printed the first time.
 * Anything else is refused untouched, saying what was found. The load is built in a scratch
 * directory beside the data directory and moved into place only once complete, so a failed
 * load leaves nothing behind.
 */
export async function prepareDemo(settings: AppSettings, now: Date, options: PrepareDemoOptions = {}): Promise<DemoToken[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { dataDir } = settings;
  if (settings.eventStore !== 'sqlite') throw new DemoDataDirError('The demo loads into the embedded SQLite store: unset EVENT_STORE (or set it to sqlite).');
  const contents = inspectDataDir(dataDir);
  if (contents.kind === 'demo') {
    log(`The demo is already loaded in ${dataDir}; starting it again.`);
    return contents.tokens;
  }
  if (contents.kind === 'other') throw refusal(dataDir, contents.found);

  for (const name of removeAbandonedScratchDirs(dataDir)) log(`Removed ${name}, left by a demo load that was interrupted.`);
  const plan = options.plan ?? planDemo(now, { calendar: createCalendar() });
  log(`Loading the demo as of ${plan.now}: ${plan.directory.organisations.length} signatories and ${plan.cases.length} disputes over three reporting years, through the command path…`);
  const started = performance.now();
  const scratch = scratchDirFor(dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch);
  try {
    // The clock walks through the plan; the scheduler stays off, since what it would record is in the plan.
    const loading = { ...settings, dataDir: scratch, clockFixed: plan.registeredAt };
    const app = await NestFactory.createApplicationContext(ApplicationModule.forRoot(loading, { scheduler: { enabled: false } }), { logger: ['error'] });
    let tokens: DemoToken[];
    try {
      await app.init();
      const summary = await loadDemoPlan(app, plan);
      tokens = summary.tokens;
      log(
        `Loaded ${summary.organisations} organisations, ${summary.people} people and ${summary.cases} disputes ` +
          `(${summary.commands} commands) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
    } finally {
      await app.close();
    }
    writeFileSync(join(scratch, TOKENS_FILE), JSON.stringify(tokens, null, 2), { mode: 0o600 });
    moveIntoPlace(scratch, dataDir);
    return tokens;
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}

export function printTokens(tokens: readonly DemoToken[], baseUrl: string): void {
  const pick = (test: (t: DemoToken) => boolean) => tokens.find(test);
  const highlights = [
    pick((t) => t.roles.includes('admin')),
    pick((t) => t.roles.includes('secretariat')),
    pick((t) => t.roles.includes('chair')),
    pick((t) => t.roles.includes('auditor')),
    pick((t) => t.roles.includes('mediator')),
    pick((t) => t.roles.includes('panelist')),
    pick((t) => t.roles.includes('partner') && t.organisation === 'Fenshire County Council'),
    pick((t) => t.roles.includes('partner') && t.organisation === 'Marshland Food Bank'),
  ].filter((t): t is DemoToken => t !== undefined);
  console.log(`\nOpen ${baseUrl}/ in a browser and sign in with one of these tokens (all of them are in demo-tokens.json in the data directory).`);
  console.log('Tokens to try it with:\n');
  for (const t of highlights) console.log(`  ${t.label.padEnd(48)} ${t.token}`);
  console.log(`\nThe API takes the same tokens:\n  curl -H "Authorization: Bearer ${highlights[1]?.token ?? '<token>'}" ${baseUrl}/disputes\n  open ${baseUrl}/docs\n`);
}

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ApplicationModule } from '#application';
import { type AppSettings } from '#config';
import { EVENT_STORE, type EventStore } from '#event-store';
import { type DemoToken, loadDemoData } from './demo-loader.js';

const TOKENS_FILE = 'demo-tokens.json';

/**
 * Loads the demo into an empty data directory (the clock walks from April 2023 to now), or, when
 * the directory already holds the demo, reads back the tokens it printed the first time.
 */
export async function prepareDemo(settings: AppSettings, now: Date): Promise<DemoToken[]> {
  const tokensPath = join(settings.dataDir, TOKENS_FILE);
  const loading = { ...settings, clockFixed: '2023-03-01T09:00:00Z' };
  const app = await NestFactory.createApplicationContext(ApplicationModule.forRoot(loading), { logger: ['error'] });
  await app.init();
  try {
    const empty = (await app.get<EventStore>(EVENT_STORE).headPosition()) === 0n;
    if (!empty) {
      if (!existsSync(tokensPath)) throw new Error(`${settings.dataDir} already holds events that are not the demo; use an empty DATA_DIR.`);
      console.log(`The demo is already loaded in ${settings.dataDir}; starting it again.`);
      return JSON.parse(readFileSync(tokensPath, 'utf8')) as DemoToken[];
    }
    console.log('Loading the demo: 27 signatories and three reporting years of disputes, through the command path…');
    const started = performance.now();
    const summary = await loadDemoData(app, { until: new Date(now.getTime() - 2 * 86_400_000) });
    console.log(
      `Loaded ${summary.organisations} organisations, ${summary.people} people and ${summary.cases} disputes ` +
        `(${summary.commands} commands) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
    writeFileSync(tokensPath, JSON.stringify(summary.tokens, null, 2), { mode: 0o600 });
    return summary.tokens;
  } finally {
    await app.close();
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
  console.log('\nTokens to try it with (all of them are in demo-tokens.json in the data directory):\n');
  for (const t of highlights) console.log(`  ${t.label.padEnd(48)} ${t.token}`);
  console.log(`\nFor example:\n  curl -H "Authorization: Bearer ${highlights[1]?.token ?? '<token>'}" ${baseUrl}/disputes\n  open ${baseUrl}/docs\n`);
}

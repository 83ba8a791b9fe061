// `npm run build && node libs/web/scripts/annual-report-screenshots.mjs`: loads the demo data into a
// temporary data directory, serves it, and takes full-page screenshots of the annual report of
// each full reporting year (both editions) in Chromium, into docs/screenshots/.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { chromium } from 'playwright-core';
import { ApplicationModule } from '../../../dist/libs/application/src/index.js';
import { loadDemoData } from '../../../dist/apps/cli/src/demo/demo-loader.js';
import { createApp } from '../../../dist/apps/api/src/create-app.js';

const out = new URL('../../../docs/screenshots/', import.meta.url);
// KEEP_DATA_DIR=<dir>: load the demo there and keep it (to try the CLI on it afterwards).
const dataDir = process.env.KEEP_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'compact-report-shots-'));
const settings = {
  port: 0, host: '127.0.0.1', dataDir, eventStore: 'sqlite', eventStoreConnectionString: null, bootstrapAdminToken: null,
  clockFixed: '2023-03-01T09:00:00Z', nodeEnv: 'test', logLevel: 'silent', trustProxy: false,
};
try {
  const loader = await NestFactory.createApplicationContext(ApplicationModule.forRoot(settings), { logger: false });
  await loader.init();
  const demo = await loadDemoData(loader, { until: new Date(process.env.UNTIL ?? '2026-11-14T12:00:00Z') });
  await loader.close();
  const secretariat = demo.tokens.find((t) => t.roles.includes('secretariat')).token;

  const app = await createApp({ ...settings, clockFixed: '2026-12-01T10:00:00Z' });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const year of (process.env.YEARS ?? '2023,2024,2025').split(',')) {
      for (const edition of ['public', 'cdg']) {
        const context = await browser.newContext({
          viewport: { width: 1100, height: 900 },
          javaScriptEnabled: false,
          ...(edition === 'cdg' ? { extraHTTPHeaders: { authorization: `Bearer ${secretariat}` } } : {}),
        });
        const page = await context.newPage();
        const problems = [];
        page.on('console', (m) => problems.push(`${m.type()}: ${m.text()}`));
        page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
        const response = await page.goto(`${base}/reports/annual/${year}?edition=${edition}`);
        const file = new URL(`annual-report-${year}-${edition}.png`, out);
        await page.screenshot({ path: file.pathname, fullPage: true });
        if (process.env.PRINT) await page.pdf({ path: new URL(`annual-report-${year}-${edition}.pdf`, out).pathname, format: 'A4' });
        if (process.env.JSON_DIR) {
          const json = await globalThis.fetch(`${base}/reports/annual/${year}?edition=${edition}`, { headers: edition === 'cdg' ? { authorization: `Bearer ${secretariat}` } : {} });
          const { writeFileSync } = await import('node:fs');
          writeFileSync(join(process.env.JSON_DIR, `${year}-${edition}.json`), await json.text());
        }
        console.log(`${year} ${edition}: ${response.status()} ${file.pathname}${problems.length ? `\n  ${problems.join('\n  ')}` : ''}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await app.close();
  }
} finally {
  if (!process.env.KEEP_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
}

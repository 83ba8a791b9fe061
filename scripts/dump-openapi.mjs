// Writes the OpenAPI document the built API serves at /docs-json, with keys sorted, to stdout:
//   npm run build && node scripts/dump-openapi.mjs > before.json
// Compare two builds with `diff before.json after.json` (or `jq`): a refactor of the routes must
// leave it equal, or only add to it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../dist/apps/api/src/create-app.js';

const sorted = (value) =>
  Array.isArray(value)
    ? value.map(sorted)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])]))
      : value;

const dataDir = mkdtempSync(join(tmpdir(), 'compact-openapi-'));
const app = await createApp({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  eventStore: 'sqlite',
  eventStoreConnectionString: null,
  bootstrapAdminToken: null,
  clockFixed: null,
  nodeEnv: 'test',
  logLevel: 'silent',
  trustProxy: false,
});
try {
  const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs-json' });
  if (response.statusCode !== 200) throw new Error(`GET /docs-json answered ${response.statusCode}`);
  process.stdout.write(`${JSON.stringify(sorted(JSON.parse(response.body)), null, 2)}\n`);
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}

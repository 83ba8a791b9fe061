import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureRawBaselines } from './baselines.js';
import { busCast, startBenchEngine } from './bus-cast.js';
import { measureCaseLength } from './case-length.js';
import { BENCH_ADMIN_TOKEN, httpCast, httpPool, postJson } from './http-cast.js';
import { drive } from './load.js';
import { COMMANDS_PER_LIFECYCLE, lifecycle } from './lifecycle.js';
import { benchPages } from './pages-bench.js';
import { benchAnnualReport, REPORT_TEMPLATES } from './report-bench.js';
import { Results } from './results.js';
import { startServerProcess } from './server-process.js';
import { measureStoreSize, templateEvents } from './store-size.js';

/**
 * `npm run bench [-- --quick] [--only http,inprocess,case,store,report,pages] [--profile DIR] [--sizes 10000,100000]`: every figure beside a
 * baseline measured in the same run on the same disk (raw better-sqlite3, bare Nest + Fastify),
 * since these machines are shared and noisy; the ratios are what to compare between runs.
 */

const DIST = resolve(import.meta.dirname, '../..');
const API_ENTRY = join(DIST, 'apps/api/src/main.js');
const NOOP_ENTRY = join(DIST, 'bench/src/noop-server.js');

interface Context {
  readonly dir: string;
  readonly quick: boolean;
  readonly results: Results;
  /** Where the API process writes a CPU profile (`--profile`), if asked. */
  readonly profileDir: string | null;
  /** The measuring window of each load run. */
  readonly window: { readonly warmupSeconds: number; readonly seconds: number };
  /** Store sizes to measure (`--sizes 10000,50000`), instead of the defaults. */
  readonly sizes: readonly number[] | null;
}

interface Section {
  readonly name: string;
  readonly title: string;
  run(context: Context): Promise<void>;
}

/** The API as production runs it (`NODE_ENV=production`, `LOG_LEVEL=info`), its logs to a file. */
const startApi = (context: Context, dataDir: string, profile = false) =>
  startServerProcess({
    entry: API_ENTRY,
    env: { NODE_ENV: 'production', LOG_LEVEL: 'info', DATA_DIR: dataDir, BOOTSTRAP_ADMIN_TOKEN: BENCH_ADMIN_TOKEN },
    logFile: join(context.dir, 'api.log'),
    readyPath: '/health/ready',
    nodeArgs: profile && context.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${context.profileDir}`] : [],
  });

const today = () => new Date().toISOString().slice(0, 10);

const baselines: Section = {
  name: 'baselines',
  title: 'Baselines: raw better-sqlite3 on this disk, bare Nest + Fastify',
  async run({ dir, quick, results, window }) {
    const raw = measureRawBaselines(dir, quick);
    results.add(this.title, { key: 'rawFull', name: 'raw INSERT, one FULL-synchronous transaction each', value: raw.fullInsertsPerSecond, unit: 'rows/s' });
    results.add(this.title, { key: 'rawBatched', name: 'raw INSERT, 64 per FULL transaction', value: raw.batchedInsertsPerSecond, unit: 'rows/s', vs: ['rawFull'] });
    results.add(this.title, { key: 'rawReadStream', name: 'raw SELECT of one 1,000-row stream', value: raw.readStreamMs, unit: 'ms' });
    results.add(this.title, { key: 'rawScan', name: 'raw scan of the table in position order', value: raw.scanRowsPerSecond, unit: 'rows/s' });
    const noop = await startServerProcess({ entry: NOOP_ENTRY, env: {}, logFile: join(dir, 'noop.log') });
    try {
      for (const k of [64, 1]) {
        const pool = httpPool(noop.baseUrl, k);
        const run = await drive(k, window, async (time) => void (await time(() => postJson(pool, '/noop', 'none', { text: 'a note' }))));
        await pool.close();
        results.add(this.title, { key: `noopK${k}`, name: `bare Nest + Fastify no-op POST, K=${k} connections`, value: run.perSecond, unit: 'req/s', p50Ms: run.p50Ms, p99Ms: run.p99Ms });
      }
    } finally {
      await noop.stop();
    }
  },
};

const LIFECYCLE_TITLE = `The ${COMMANDS_PER_LIFECYCLE}-command lifecycle (raise … complete-action), K cases in flight`;

const overHttp: Section = {
  name: 'http',
  title: `${LIFECYCLE_TITLE}, over HTTP (the API as a process of its own)`,
  async run(context) {
    const { dir, results, window } = context;
    const server = await startApi(context, join(dir, 'http'), true);
    try {
      for (const k of [64, 1]) {
        const pool = httpPool(server.baseUrl, k);
        const { cast, sender } = await httpCast(pool, today(), `k${k}`);
        const cpuBefore = server.cpuSeconds();
        const run = await drive(k, window, async (time) => void (await lifecycle(sender, cast, time)));
        const cpuMs = (server.cpuSeconds() - cpuBefore) * 1000;
        await pool.close();
        results.add(this.title, {
          key: `httpK${k}`, name: `over HTTP, K=${k} keep-alive connections`, value: run.perSecond, unit: 'cmd/s', p50Ms: run.p50Ms, p99Ms: run.p99Ms,
          vs: ['rawFull', `noopK${k}`], note: `server CPU ${(cpuMs / (run.perSecond * (window.seconds + window.warmupSeconds))).toFixed(2)} ms/command`,
        });
      }
      results.add(this.title, { key: 'httpRss', name: 'API process RSS after the HTTP runs', value: server.rssMb(), unit: 'MB' });
    } finally {
      await server.stop();
    }
    const http = results.get('httpK64');
    const raw = results.get('rawFull');
    if (http && raw) results.set('httpVsRawFull', http.value / raw.value);
  },
};

const inProcess: Section = {
  name: 'inprocess',
  title: `${LIFECYCLE_TITLE}, in process (command bus)`,
  async run({ dir, results, window }) {
    const engine = await startBenchEngine(join(dir, 'in-process'));
    try {
      const { cast, sender } = await busCast(engine);
      for (const k of [64, 1]) {
        const cpuBefore = process.cpuUsage();
        const run = await drive(k, window, async (time) => void (await lifecycle(sender, cast, time)));
        const cpu = process.cpuUsage(cpuBefore);
        results.add(this.title, {
          key: `busK${k}`, name: `in process (command bus), K=${k}`, value: run.perSecond, unit: 'cmd/s', p50Ms: run.p50Ms, p99Ms: run.p99Ms, vs: ['rawFull'],
          note: `CPU ${((cpu.user + cpu.system) / 1000 / (run.perSecond * (window.seconds + window.warmupSeconds))).toFixed(2)} ms/command`,
        });
      }
    } finally {
      await engine.close();
    }
  },
};

const caseLength: Section = {
  name: 'case',
  title: 'One long case (2,010 notes, one after another, in process)',
  async run({ dir, results }) {
    const r = await measureCaseLength(join(dir, 'long-case'));
    results.add(this.title, { key: 'rehydrate1000', name: 'rehydrate a 1,000-event case (read + fold, nothing cached)', value: r.rehydrate1000Ms, unit: 'ms', vs: ['rawReadStream'] });
    results.add(this.title, { key: 'command20', name: 'the 20th command on the case (median of 10th–30th)', value: r.command20Ms, unit: 'ms' });
    results.add(this.title, { key: 'command2000', name: 'the 2,000th command (median of 1,990th–2,010th)', value: r.command2000Ms, unit: 'ms', vs: ['command20'] });
  },
};

const storeSize: Section = {
  name: 'store',
  title: 'By store size: seeding, scanning, verifying the hash chain, rebuilding every read model, starting the API',
  async run(context) {
    const { dir, quick, results } = context;
    const template = await templateEvents(join(dir, 'template'));
    const sizes = context.sizes ?? (quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]);
    for (const size of sizes) {
      const row = await measureStoreSize(join(dir, `store-${size}`), size, template, (dataDir) => startApi(context, dataDir));
      const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1_000}k`;
      results.add(this.title, { key: `seed${label}`, name: `${label} events: seed through the store (group commit)`, value: row.seedPerSecond, unit: 'ev/s', vs: ['rawBatched'] });
      results.add(this.title, { key: `scan${label}`, name: `${label} events: read the whole log`, value: row.scanPerSecond, unit: 'ev/s', vs: ['rawScan'] });
      results.add(this.title, { key: `verify${label}`, name: `${label} events: verify the hash chain`, value: row.verifyPerSecond, unit: 'ev/s', vs: ['rawScan'], note: `live heap +${row.verifyHeapMb.toFixed(1)} MB` });
      results.add(this.title, { key: `rebuild${label}`, name: `${label} events: rebuild every read model from zero`, value: row.rebuildPerSecond, unit: 'ev/s', vs: ['rawScan'] });
      results.add(this.title, { key: `startup${label}`, name: `${label} events: API start-up to /health/ready`, value: row.startupMs, unit: 'ms', vs: ['startup10k'] });
      results.add(this.title, { key: `rssReady${label}`, name: `${label} events: API RSS when ready`, value: row.rssReadyMb, unit: 'MB', vs: ['rssReady10k'] });
      results.add(this.title, { key: `rssLoaded${label}`, name: `${label} events: API RSS after 2 s of commands`, value: row.rssLoadedMb, unit: 'MB', vs: ['rssLoaded10k'] });
      results.add(this.title, { key: `command${label}`, name: `${label} events: command over HTTP at K=4, p50`, value: row.commandP50Ms, unit: 'ms', vs: ['command10k'] });
    }
  },
};

const annualReport: Section = {
  name: 'report',
  title: `The annual report of one year (copies of ${REPORT_TEMPLATES} real histories)`,
  async run({ dir, quick, results }) {
    const rows = await benchAnnualReport(join(dir, 'annual-report'), quick ? [1_000] : [1_000, 10_000, 100_000]);
    for (const row of rows) {
      const label = `${row.cases / 1_000}k cases`;
      results.add(this.title, { key: `reportSums${row.cases}`, name: `${label}: baseline, SELECT the year's sums`, value: row.baselineMs, unit: 'ms' });
      results.add(this.title, { key: `reportCatchUp${row.cases}`, name: `${label} (${row.events} events): report read model catch-up`, value: row.catchUpPerSecond, unit: 'ev/s', vs: ['rawScan'] });
      for (const [variant, ms] of Object.entries(row.renderMs)) {
        results.add(this.title, { key: `report${row.cases}${variant}`, name: `${label}: answer the year, ${variant}`, value: ms, unit: 'ms', vs: [`reportSums${row.cases}`] });
      }
    }
  },
};

/** Each main page's render time on the demo data (bench/src/pages-bench.ts prints its own table, ratios to the API's JSON). */
const webPages: Section = {
  name: 'pages',
  title: 'Web pages on the demo data',
  async run({ dir }) {
    await benchPages(join(dir, 'pages'));
  },
};

/** In order; a section added later goes here with one line. */
const SECTIONS: readonly Section[] = [baselines, overHttp, inProcess, caseLength, storeSize, annualReport, webPages];

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      profile: { type: 'string' },
      sizes: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const quick = values.quick ?? false;
  const only = values.only?.split(',');
  const results = new Results({ quick, argv: process.argv.slice(2) });
  const dir = mkdtempSync(join(process.env['BENCH_DIR'] ?? tmpdir(), 'compact-bench-'));
  const profileDir = values.profile ? resolve(values.profile) : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const context: Context = { dir, quick, results, profileDir, sizes: values.sizes ? values.sizes.split(',').map(Number) : null, window: quick ? { warmupSeconds: 1, seconds: 4 } : { warmupSeconds: 2, seconds: 10 } };
  try {
    for (const section of SECTIONS) {
      if (only && !only.includes(section.name) && section.name !== 'baselines') continue;
      console.log(`\n${section.title}`);
      await section.run(context);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  results.print();
  if (!values['no-write']) console.log(`\nwritten to ${results.write(join(DIST, '..', 'bench', 'results'))}`);
}

await main();

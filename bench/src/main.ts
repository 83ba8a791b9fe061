import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureRawBaselines } from './baselines.js';
import { busCast, startBenchEngine } from './bus-cast.js';
import { measureCaseLength } from './case-length.js';
import { BENCH_ADMIN_TOKEN, httpCast, httpPool, postJson } from './http-cast.js';
import { drive, paced, type PacedResult } from './load.js';
import { commandsAcrossCases, COMMANDS_PER_LIFECYCLE, lifecycle } from './lifecycle.js';
import { benchPages } from './pages-bench.js';
import { benchAnnualReport, REPORT_TEMPLATES } from './report-bench.js';
import { Results } from './results.js';
import { type ServerProcess, startServerProcess } from './server-process.js';
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

/** The bare no-op server answers in well under a millisecond: in --quick, 2 s give tens of thousands of samples. */
const baselineWindow = (quick: boolean, window: Context['window']): Context['window'] => (quick ? { warmupSeconds: 0.5, seconds: 2 } : window);

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
        const run = await drive(k, baselineWindow(quick, window), async (time) => void (await time(() => postJson(pool, '/noop', 'none', { text: 'a note' }))));
        await pool.close();
        results.add(this.title, { key: `noopK${k}`, name: `bare Nest + Fastify no-op POST, K=${k} connections`, value: run.perSecond, unit: 'req/s', p50Ms: run.p50Ms, p99Ms: run.p99Ms });
      }
    } finally {
      await noop.stop();
    }
  },
};

const LIFECYCLE_TITLE = `The ${COMMANDS_PER_LIFECYCLE}-command lifecycle (raise … complete-action), K cases in flight`;

/** The latency target at half the K=64 load. */
const HALF_LOAD_P99_TARGET_MS = 10;

const overHttp: Section = {
  name: 'http',
  title: `${LIFECYCLE_TITLE}, over HTTP (the API as a process of its own)`,
  async run(context) {
    const { dir, results, window } = context;
    const server = await startApi(context, join(dir, 'http'), true);
    let half: Awaited<ReturnType<typeof halfLoad>> | null = null;
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
        if (k === 64) half = await halfLoad(server, run.perSecond / 2, window);
      }
      results.add(this.title, { key: 'httpRss', name: 'API process RSS after the HTTP runs', value: server.rssMb(), unit: 'MB' });
    } finally {
      await server.stop();
    }
    if (half) {
      // The same schedule against bare Nest + Fastify: what the load generator and the framework alone give at this rate.
      const noop = await startServerProcess({ entry: NOOP_ENTRY, env: {}, logFile: join(dir, 'noop.log') });
      const pool = httpPool(noop.baseUrl, 64);
      const floor = await paced(half.ratePerSecond, baselineWindow(context.quick, window), async () => void (await postJson(pool, '/noop', 'none', { text: 'a note' })));
      await pool.close();
      await noop.stop();
      const met = half.p99Ms <= HALF_LOAD_P99_TARGET_MS ? 'met' : 'not met';
      results.add(this.title, {
        key: 'httpHalfLoad', name: 'over HTTP, open loop at half the K=64 rate', value: half.perSecond, unit: 'cmd/s', p50Ms: half.p50Ms, p99Ms: half.p99Ms, vs: ['httpK64'],
        note: `asked ${half.ratePerSecond.toFixed(0)} cmd/s, latency from the intended send time, at most ${half.mostInFlight} in flight; server CPU ${half.cpuMsPerCommand.toFixed(2)} ms/command`,
      });
      results.add(this.title, { key: 'noopHalfLoadP99', name: 'baseline: bare Nest no-op POST on the same schedule, p99', value: floor.p99Ms, unit: 'ms', note: `p50 ${floor.p50Ms.toFixed(2)} ms` });
      results.add(this.title, {
        key: 'httpHalfLoadP99', name: 'over HTTP at half the K=64 rate, p99', value: half.p99Ms, unit: 'ms', vs: ['noopHalfLoadP99'],
        note: `target ≤ ${HALF_LOAD_P99_TARGET_MS} ms: ${met}`,
      });
    }
    const http = results.get('httpK64');
    const raw = results.get('rawFull');
    if (http && raw) results.set('httpVsRawFull', http.value / raw.value);
  },
};

/**
 * Half the K=64 load, open loop: commands sent at `rate` on a fixed schedule, each to whichever
 * case is ready next (new cases raised as needed), timed from its intended send time. 64
 * connections, as at K=64, so the client has room for a stall's backlog.
 */
async function halfLoad(server: ServerProcess, rate: number, window: Context['window']): Promise<PacedResult & { readonly cpuMsPerCommand: number }> {
  const pool = httpPool(server.baseUrl, 64);
  try {
    const caughtUp = await readModelsCaughtUp(pool);
    console.log(`  (the read models caught up with K=64's commands ${caughtUp.toFixed(1)} s after it ended)`);
    const { cast, sender } = await httpCast(pool, today(), 'half');
    const cpuBefore = server.cpuSeconds();
    const run = await paced(rate, window, commandsAcrossCases(sender, cast));
    // Every scheduled command, warm-up included, was sent and answered.
    const cpuMsPerCommand = ((server.cpuSeconds() - cpuBefore) * 1000) / (rate * (window.warmupSeconds + window.seconds));
    return { ...run, cpuMsPerCommand };
  } finally {
    await pool.close();
  }
}

/**
 * Seconds until every read model has applied the whole log (`projection_lag_positions` 0 on
 * `/metrics`), so a run does not inherit the previous run's backlog. At most a minute.
 */
async function readModelsCaughtUp(pool: ReturnType<typeof httpPool>): Promise<number> {
  const began = performance.now();
  while (performance.now() - began < 60_000) {
    const text = await (await pool.request({ method: 'GET', path: '/metrics' })).body.text();
    const lags = text.split('\n').filter((line) => line.startsWith('projection_lag_positions{'));
    if (lags.length > 0 && lags.every((line) => Number(line.split(' ').pop()) === 0)) break;
    await new Promise((done) => setTimeout(done, 50));
  }
  return (performance.now() - began) / 1000;
}

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

/** Store sizes: the full run's, and --quick's (small enough that --quick stays under two minutes, build included). */
const STORE_SIZES = [10_000, 100_000, 1_000_000];
const QUICK_STORE_SIZES = [10_000, 30_000];

const sizeLabel = (size: number) => (size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1_000}k`);

const storeSize: Section = {
  name: 'store',
  title: 'By store size: seeding, scanning, verifying the hash chain, rebuilding every read model, starting the API',
  async run(context) {
    const { dir, quick, results } = context;
    const template = await templateEvents(join(dir, 'template'));
    const sizes = context.sizes ?? (quick ? QUICK_STORE_SIZES : STORE_SIZES);
    const which = context.sizes ? '(--sizes)' : quick ? `(--quick; the full run: ${STORE_SIZES.map(sizeLabel).join(', ')})` : '';
    // The sizes that ran are part of the section's title, so the table says which.
    const title = `${this.title}: ${sizes.map(sizeLabel).join(', ')} events ${which}`.trimEnd();
    console.log(`  sizes: ${sizes.map(sizeLabel).join(', ')} ${which}`);
    const first = sizeLabel(sizes[0]!);
    for (const size of sizes) {
      const row = await measureStoreSize(join(dir, `store-${size}`), size, template, (dataDir) => startApi(context, dataDir));
      const label = sizeLabel(size);
      // The first size is the baseline of the others' start-up, RSS and command time.
      const vsFirst = (key: string) => (label === first ? [] : [`${key}${first}`]);
      results.add(title, { key: `seed${label}`, name: `${label} events: seed through the store (group commit)`, value: row.seedPerSecond, unit: 'ev/s', vs: ['rawBatched'], note: `${row.seedSeconds.toFixed(1)} s` });
      results.add(title, { key: `scan${label}`, name: `${label} events: read the whole log`, value: row.scanPerSecond, unit: 'ev/s', vs: ['rawScan'] });
      results.add(title, { key: `verify${label}`, name: `${label} events: verify the hash chain`, value: row.verifyPerSecond, unit: 'ev/s', vs: ['rawScan'], note: `live heap +${row.verifyHeapMb.toFixed(1)} MB` });
      results.add(title, { key: `rebuild${label}`, name: `${label} events: rebuild every read model from zero`, value: row.rebuildPerSecond, unit: 'ev/s', vs: ['rawScan'], note: `${row.rebuildSeconds.toFixed(1)} s` });
      results.add(title, { key: `startup${label}`, name: `${label} events: API start-up to /health/ready`, value: row.startupMs, unit: 'ms', vs: vsFirst('startup') });
      results.add(title, { key: `rssReady${label}`, name: `${label} events: API RSS when ready`, value: row.rssReadyMb, unit: 'MB', vs: vsFirst('rssReady') });
      results.add(title, { key: `rssLoaded${label}`, name: `${label} events: API RSS after 2 s of commands`, value: row.rssLoadedMb, unit: 'MB', vs: vsFirst('rssLoaded') });
      results.add(title, { key: `command${label}`, name: `${label} events: command over HTTP at K=4, p50`, value: row.commandP50Ms, unit: 'ms', vs: vsFirst('command') });
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
    const took: Record<string, number> = {};
    for (const section of SECTIONS) {
      if (only && !only.includes(section.name) && section.name !== 'baselines') continue;
      console.log(`\n${section.title}`);
      const began = performance.now();
      await section.run(context);
      took[section.name] = Number(((performance.now() - began) / 1000).toFixed(1));
      console.log(`  (${took[section.name]} s)`);
    }
    // Where a run's time goes (--quick is meant to finish in under two minutes, build included).
    results.set('sectionSeconds', took);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  results.print();
  if (!values['no-write']) console.log(`\nwritten to ${results.write(join(DIST, '..', 'bench', 'results'))}`);
}

await main();

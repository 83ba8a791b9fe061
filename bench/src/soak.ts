import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_ADMIN_TOKEN, getJson, httpCast, httpPool } from './http-cast.js';
import { RunOver, type Timed } from './load.js';
import { type CommandSender, lifecycle } from './lifecycle.js';
import { type MemoryProbe } from './memory-probe.js';
import { startServerProcess } from './server-process.js';
import { latencyOf } from './stats.js';

/**
 * `npm run soak [-- --minutes 10 --lanes 16]` (not in CI): the API as a process of its own under
 * mixed load for a while, one line a minute: commands and reads per second, their p99, the
 * server's RSS and where it is (the live JS heap after a full collection, the heap V8 keeps,
 * external memory, the rest: native), the data files' size, and the event-loop delay (p99 and max
 * over the minute, from /metrics). At the end, how far RSS drifted after the warm-up.
 *
 * The warm-up ends with the first minute by whose end WARM_CASES cases have been raised: every
 * bounded per-case cache of the process is full then, and V8, which sizes its old space after the
 * live heap, has seen the live heap at its largest. Drift is measured from that minute's RSS to the
 * last minute's; a run too short to warm up says so, and gives the drift after the first minute.
 * (SQLite's page caches, 16,000 KiB a connection as better-sqlite3 builds it, are in "native".)
 */

const DIST = resolve(import.meta.dirname, '../..');

/** DisputeRepository keeps 5,000 folded cases; the read models' per-case memories hold 2,000 and the fold results 2,048. */
const WARM_CASES = 5_000;

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

/** The SQLite files of the data directory (WAL and -shm left out), with their sizes. */
function sqliteFiles(dir: string): { name: string; bytes: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(sqlite|db)$/.test(name))
    .map((name) => ({ name, bytes: statSync(join(dir, name)).size }));
}

/** Asks the preloaded probe (SIGUSR2) for its figures after a full collection. */
async function probe(pid: number, file: string, last: number): Promise<MemoryProbe | null> {
  process.kill(pid, 'SIGUSR2');
  for (let tries = 0; tries < 200; tries++) {
    await new Promise((done) => setTimeout(done, 10));
    try {
      const figures = JSON.parse(readFileSync(file, 'utf8')) as MemoryProbe;
      if (figures.seq > last) return figures;
    } catch {
      // not written yet, or being written
    }
  }
  return null;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** The V8 spaces that hold more than a megabyte: used/kept. */
const spaces = (memory: MemoryProbe) =>
  Object.entries(memory.spaces)
    .filter(([, space]) => space.size >= 1024 * 1024)
    .map(([name, space]) => `${name.replace('_space', '')} ${mb(space.used)}/${mb(space.size)}`)
    .join(' ');

interface Minute {
  readonly rssMb: number;
  readonly cases: number;
  /** The live JS heap after a full collection. */
  readonly liveMb: number;
}

async function main() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      lanes: { type: 'string', default: '16' },
      env: { type: 'string', multiple: true },
      'node-arg': { type: 'string', multiple: true },
    },
  });
  const minutes = Number(values.minutes);
  const lanes = Number(values.lanes);
  /** `--env MALLOC_ARENA_MAX=2`: extra environment for the API process, for experiments. */
  /** `--node-arg=--max-old-space-size=256`: extra flags for the API's node, for experiments. */
  const nodeArgs = values['node-arg'] ?? [];
  const extraEnv = Object.fromEntries((values.env ?? []).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
  const dir = mkdtempSync(join(process.env['BENCH_DIR'] ?? tmpdir(), 'compact-soak-'));
  const dataDir = join(dir, 'data');
  const probeFile = join(dir, 'memory-probe.json');
  const server = await startServerProcess({
    entry: join(DIST, 'apps/api/src/main.js'),
    env: { NODE_ENV: 'production', LOG_LEVEL: 'info', DATA_DIR: dataDir, BOOTSTRAP_ADMIN_TOKEN: BENCH_ADMIN_TOKEN, MEMORY_PROBE_FILE: probeFile, ...extraEnv },
    logFile: join(dir, 'api.log'),
    readyPath: '/health/ready',
    nodeArgs: [...nodeArgs, '--expose-gc', '--import', join(DIST, 'bench/src/memory-probe.js')],
  });
  const pool = httpPool(server.baseUrl, lanes + 1);
  try {
    const { cast, sender: plain, tokens } = await httpCast(pool, new Date().toISOString().slice(0, 10), 'soak');
    let cases = 0;
    const sender: CommandSender = {
      raise: async (by, body) => {
        const id = await plain.raise(by, body);
        cases += 1;
        return id;
      },
      run: (by, caseId, command, body) => plain.run(by, caseId, command, body),
    };
    let until = Number.POSITIVE_INFINITY;
    let commands: number[] = [];
    let reads: number[] = [];
    const timedInto = (samples: () => number[]): Timed => async (operation) => {
      if (performance.now() >= until) throw new RunOver();
      const began = performance.now();
      const value = await operation();
      samples().push(performance.now() - began);
      return value;
    };
    const command = timedInto(() => commands);
    const read = timedInto(() => reads);
    const rows: Minute[] = [];
    let seq = 0;
    const extra = `${Object.keys(extraEnv).length ? `, API env ${JSON.stringify(extraEnv)}` : ''}${nodeArgs.length ? `, API node ${nodeArgs.join(' ')}` : ''}`;
    console.log(`soak: ${minutes} min, ${lanes} lanes of lifecycles with reads between, API pid ${server.pid}${extra}`);
    console.log('(memory after a full collection each minute: live = JS heap in use, heap = what V8 keeps, ext = external, native = RSS - heap - ext)\n');
    console.log('minute  cmd/s  p99 ms  reads/s  p99 ms   cases   RSS MB  live  heap  ext  native  anon  file  shm   files MB   loop p99 / max ms   V8 spaces used/kept MB');
    let minute = 0;
    const report = async (warm = true) => {
      const c = latencyOf(commands);
      const r = latencyOf(reads);
      commands = [];
      reads = [];
      const text = String(await (await pool.request({ method: 'GET', path: '/metrics' })).body.text());
      const memory = await probe(server.pid, probeFile, seq);
      seq = memory?.seq ?? seq;
      const rssMb = server.rssMb();
      const files = sqliteFiles(dataDir);
      if (warm) rows.push({ rssMb, cases, liveMb: memory ? memory.heapUsed / 1024 / 1024 : Number.NaN });
      const m = memory
        ? `${mb(memory.heapUsed).padStart(4)}  ${mb(memory.heapTotal).padStart(4)}  ${mb(memory.external).padStart(3)}  ${mb(memory.rss - memory.heapTotal - memory.external).padStart(6)}  ${mb(memory.rssAnon).padStart(4)}  ${mb(memory.rssFile).padStart(4)}  ${mb(memory.rssShmem).padStart(3)}`
        : '(no probe answer)';
      console.log(
        `${String(minute).padStart(6)}  ${(c.count / 60).toFixed(0).padStart(5)}  ${c.p99Ms.toFixed(1).padStart(6)}  ${(r.count / 60).toFixed(0).padStart(7)}  ${r.p99Ms.toFixed(1).padStart(6)}` +
          `  ${String(cases).padStart(6)}  ${rssMb.toFixed(0).padStart(7)}  ${m}  ${mb(files.reduce((sum, f) => sum + f.bytes, 0)).padStart(9)}` +
          `   ${(metric(text, 'nodejs_eventloop_lag_p99_seconds') * 1000).toFixed(1)} / ${(metric(text, 'nodejs_eventloop_lag_max_seconds') * 1000).toFixed(1)}` +
          `   ${memory ? spaces(memory) : ''}`,
      );
      minute += 1;
    };
    // Minute 0: the process ready, the cast registered, no load yet.
    await report(false);
    const started = performance.now();
    until = started + minutes * 60_000;
    // A line at the end of each whole minute, the last one once the lanes have stopped sending.
    const reporting = (async () => {
      for (let m = 1; m <= Math.floor(minutes); m++) {
        await new Promise((done) => setTimeout(done, started + m * 60_000 - performance.now()));
        await report();
      }
    })();
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (performance.now() < until) {
          try {
            const id = await lifecycle(sender, cast, command);
            await read(() => getJson(pool, `/disputes/${id}`, tokens.complainant));
            await read(() => getJson(pool, '/disputes?limit=20', tokens.secretariat));
            await read(() => getJson(pool, '/work-queue', tokens.respondent));
            await read(() => getJson(pool, `/disputes/${id}/history`, tokens.complainant));
          } catch (error) {
            if (!(error instanceof RunOver)) throw error;
          }
        }
      }),
    );
    await reporting;
    console.log(`\nSQLite files: ${sqliteFiles(dataDir).map((f) => `${f.name} ${mb(f.bytes)} MB`).join(', ')}`);
    summarise(rows);
  } finally {
    await pool.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function summarise(rows: readonly Minute[]): void {
  if (rows.length < 2) return;
  const last = rows[rows.length - 1]!;
  const percent = (from: number, to: number) => `${(((to - from) / from) * 100).toFixed(1)}%`;
  console.log(`RSS after the first minute ${rows[0]!.rssMb.toFixed(0)} MB, at the end ${last.rssMb.toFixed(0)} MB: ${percent(rows[0]!.rssMb, last.rssMb)}`);
  const warm = rows.findIndex((row) => row.cases >= WARM_CASES);
  if (warm < 0 || warm === rows.length - 1) {
    console.log(`not warmed up: the warm-up ends once ${WARM_CASES} cases are raised, with a minute after it at least (run longer)`);
    return;
  }
  const from = rows[warm]!;
  const after = rows.slice(warm).map((row) => row.rssMb);
  console.log(
    `warm-up over after minute ${warm + 1} (${from.cases} cases raised ≥ ${WARM_CASES}, the caches full): RSS then ${from.rssMb.toFixed(0)} MB, ` +
      `at the end ${last.rssMb.toFixed(0)} MB: drift ${percent(from.rssMb, last.rssMb)} (target < 10%); ` +
      `in between ${Math.min(...after).toFixed(0)}–${Math.max(...after).toFixed(0)} MB; live JS heap ${from.liveMb.toFixed(0)} → ${last.liveMb.toFixed(0)} MB (${percent(from.liveMb, last.liveMb)})`,
  );
}

await main();

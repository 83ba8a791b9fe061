import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_ADMIN_TOKEN, getJson, httpCast, httpPool } from './http-cast.js';
import { RunOver, type Timed } from './load.js';
import { lifecycle } from './lifecycle.js';
import { startServerProcess } from './server-process.js';
import { latencyOf } from './stats.js';

/**
 * `npm run soak [-- --minutes 10 --lanes 16]` (not in CI): the API as a process of its own under
 * mixed load for a while, one line a minute: commands and reads per second, their p99, the
 * server's RSS and its event-loop delay (p99 and max over the minute, from /metrics). At the end,
 * how far RSS drifted after the first minute (the warm-up).
 */

const DIST = resolve(import.meta.dirname, '../..');

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

async function main() {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, lanes: { type: 'string', default: '16' } } });
  const minutes = Number(values.minutes);
  const lanes = Number(values.lanes);
  const dir = mkdtempSync(join(process.env['BENCH_DIR'] ?? tmpdir(), 'compact-soak-'));
  const server = await startServerProcess({
    entry: join(DIST, 'apps/api/src/main.js'),
    env: { NODE_ENV: 'production', LOG_LEVEL: 'info', DATA_DIR: join(dir, 'data'), BOOTSTRAP_ADMIN_TOKEN: BENCH_ADMIN_TOKEN },
    logFile: join(dir, 'api.log'),
    readyPath: '/health/ready',
  });
  const pool = httpPool(server.baseUrl, lanes + 1);
  try {
    const { cast, sender, tokens } = await httpCast(pool, new Date().toISOString().slice(0, 10), 'soak');
    const until = performance.now() + minutes * 60_000;
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
    const rss: number[] = [];
    console.log(`soak: ${minutes} min, ${lanes} lanes of lifecycles with reads between, API pid ${server.pid}\n`);
    console.log('minute  commands/s  p99 ms   reads/s  p99 ms   RSS MB   loop delay p99 / max ms');
    let minute = 0;
    const report = async () => {
      minute += 1;
      const c = latencyOf(commands);
      const r = latencyOf(reads);
      commands = [];
      reads = [];
      const text = String(await (await pool.request({ method: 'GET', path: '/metrics' })).body.text());
      const mb = server.rssMb();
      rss.push(mb);
      console.log(
        `${String(minute).padStart(6)}  ${(c.count / 60).toFixed(0).padStart(10)}  ${c.p99Ms.toFixed(1).padStart(6)}  ${(r.count / 60).toFixed(0).padStart(8)}  ${r.p99Ms.toFixed(1).padStart(6)}` +
          `  ${mb.toFixed(0).padStart(7)}   ${(metric(text, 'nodejs_eventloop_lag_p99_seconds') * 1000).toFixed(1)} / ${(metric(text, 'nodejs_eventloop_lag_max_seconds') * 1000).toFixed(1)}`,
      );
    };
    const ticker = setInterval(() => void report(), 60_000);
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
    clearInterval(ticker);
    if (rss.length >= 2) {
      const warm = rss[0]!;
      const last = rss[rss.length - 1]!;
      console.log(`\nRSS after the first minute ${warm.toFixed(0)} MB, at the end ${last.toFixed(0)} MB: drift ${(((last - warm) / warm) * 100).toFixed(1)}%`);
    }
  } finally {
    await pool.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

// The HTTP lifecycle at one K only, against a build of any checkout, optionally with a CPU profile of
// the API process: for A/B runs of two builds and for profiling K=64 alone (the bench's --profile
// covers K=64 and K=1 together).
//   node bench/scripts/http-lifecycle.mjs [--repo DIR] [--k 64] [--seconds 8] [--profile DIR] [--node-arg ARG]...
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    repo: { type: 'string', default: resolve(import.meta.dirname, '../..') },
    k: { type: 'string', default: '64' },
    seconds: { type: 'string', default: '8' },
    profile: { type: 'string' },
    'node-arg': { type: 'string', multiple: true, default: [] },
  },
});
const built = (file) => join(values.repo, 'dist/bench/src', file);
const { startServerProcess } = await import(built('server-process.js'));
const { httpPool, httpCast, BENCH_ADMIN_TOKEN } = await import(built('http-cast.js'));
const { lifecycle } = await import(built('lifecycle.js'));
const { drive } = await import(built('load.js'));

const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'compact-http-lifecycle-'));
const nodeArgs = [...values['node-arg'], ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] : [])];
const server = await startServerProcess({
  entry: join(values.repo, 'dist/apps/api/src/main.js'),
  env: { NODE_ENV: 'production', LOG_LEVEL: 'info', DATA_DIR: join(dir, 'data'), BOOTSTRAP_ADMIN_TOKEN: BENCH_ADMIN_TOKEN },
  logFile: join(dir, 'api.log'),
  readyPath: '/health/ready',
  nodeArgs,
});
try {
  const k = Number(values.k);
  const pool = httpPool(server.baseUrl, k);
  const { cast, sender } = await httpCast(pool, new Date().toISOString().slice(0, 10), `k${k}`);
  const window = { warmupSeconds: 2, seconds: Number(values.seconds) };
  const cpuBefore = server.cpuSeconds();
  const loaderBefore = process.cpuUsage();
  const run = await drive(k, window, async (time) => void (await lifecycle(sender, cast, time)));
  const cpuMs = (server.cpuSeconds() - cpuBefore) * 1000;
  const loaderUsage = process.cpuUsage(loaderBefore);
  const loaderMs = (loaderUsage.user + loaderUsage.system) / 1000;
  await pool.close();
  const commands = run.perSecond * (window.seconds + window.warmupSeconds);
  const perCommand = cpuMs / commands;
  console.log(
    `K=${k}: ${run.perSecond.toFixed(0)} cmd/s, p50 ${run.p50Ms.toFixed(1)} ms, p99 ${run.p99Ms.toFixed(1)} ms; ` +
      `server CPU ${perCommand.toFixed(2)} ms/command, load generator ${(loaderMs / commands).toFixed(2)}; RSS ${server.rssMb().toFixed(0)} MB`,
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

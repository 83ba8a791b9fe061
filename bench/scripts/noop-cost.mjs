// What the bare Nest + Fastify no-op route (the bench's baseline) costs per request at one K, on
// the server and in the load generator: the floor under any command's CPU over HTTP here.
//   node bench/scripts/noop-cost.mjs [--repo DIR] [--k 64] [--seconds 8]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    repo: { type: 'string', default: resolve(import.meta.dirname, '../..') },
    k: { type: 'string', default: '64' },
    seconds: { type: 'string', default: '8' },
  },
});
const built = (file) => join(values.repo, 'dist/bench/src', file);
const { startServerProcess } = await import(built('server-process.js'));
const { httpPool, postJson } = await import(built('http-cast.js'));
const { drive } = await import(built('load.js'));

const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'compact-noop-cost-'));
const server = await startServerProcess({ entry: built('noop-server.js'), env: {}, logFile: join(dir, 'noop.log') });
try {
  const k = Number(values.k);
  const pool = httpPool(server.baseUrl, k);
  const window = { warmupSeconds: 2, seconds: Number(values.seconds) };
  const cpuBefore = server.cpuSeconds();
  const loaderBefore = process.cpuUsage();
  const run = await drive(k, window, async (time) => void (await time(() => postJson(pool, '/noop', 'none', { text: 'a note' }))));
  const serverMs = (server.cpuSeconds() - cpuBefore) * 1000;
  const loader = process.cpuUsage(loaderBefore);
  await pool.close();
  const requests = run.perSecond * (window.seconds + window.warmupSeconds);
  console.log(
    `no-op K=${k}: ${run.perSecond.toFixed(0)} req/s, p50 ${run.p50Ms.toFixed(2)} ms, p99 ${run.p99Ms.toFixed(2)} ms; ` +
      `server CPU ${(serverMs / requests).toFixed(3)} ms/request, load generator ${((loader.user + loader.system) / 1000 / requests).toFixed(3)}`,
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '../support/api-client.js';
import { freePort, runToEnd, type RunningProcess, shellEnv, startProcess, waitForHealth, withDist } from '../support/processes.js';

const ADMIN_TOKEN = 'rebuild-test-admin-token-0001';

/**
 * Issue 7: `npm run cli -- rebuild` swaps the read-model files by renaming; a server already
 * running on the same data directory would go on reading the old ones. So the CLI refuses while
 * a live process has them open, and goes ahead once it has stopped (or died).
 */
describe('npm run cli -- rebuild next to a running server (real processes)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'compact-rebuild-'));
  let port: number;
  const env = () => shellEnv({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'warn' });
  const serve = async (): Promise<RunningProcess> => {
    port = await freePort();
    const server = startProcess('node', ['dist/apps/api/src/main.js'], env());
    await waitForHealth(`http://127.0.0.1:${port}/health`, server);
    return server;
  };
  // --text: piped, the command line answers JSON (README, Command line); these lines are read as a person reads them.
  const rebuild = () => runToEnd('node', ['dist/apps/cli/src/main.js', 'rebuild', '--text'], env());
  const sign = (name: string) => api(`http://127.0.0.1:${port}`, ADMIN_TOKEN).post('/organisations', { name, sector: 'vcs', type: 'charity' });
  const names = async () => ((await api(`http://127.0.0.1:${port}`, ADMIN_TOKEN).get('/organisations')).body as { items: { name: string }[] }).items.map((o) => o.name);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is refused while the server runs, naming its pid, and runs once the server has stopped or died', async () => {
    await withDist(async () => {
      const server = await serve();
      try {
        expect((await sign('Before the rebuild')).status).toBe(201);
        const refused = await rebuild();
        // 3: it could not run (the README's exit statuses): the data directory is in use.
        expect(refused.code).toBe(3);
        expect(refused.output).toContain(`The read models in ${dataDir} are open in another process: pid ${server.child.pid}, "`);
        expect(refused.output).toContain('Stop it first, or have the server rebuild them itself: POST /admin/projections/{name}/rebuild');
        expect(existsSync(join(dataDir, 'directory.rebuild.sqlite'))).toBe(false);
        // The server still reads and writes its own files.
        expect((await sign('After the refusal')).status).toBe(201);
        expect(await names()).toEqual(expect.arrayContaining(['Before the rebuild', 'After the refusal']));
      } finally {
        // Nest closes everything on SIGTERM, then ends the process with the same signal.
        expect(await server.stop()).toEqual({ code: null, signal: 'SIGTERM' });
      }
      expect(readdirSync(join(dataDir, 'in-use'))).toEqual([]);

      const done = await rebuild();
      expect(done.code).toBe(0);
      expect(done.output).toMatch(/directory: 2 events to position 2 in \d+ ms, 0 failures/);

      // A server killed outright leaves its mark behind; its pid is gone, so the mark does not count.
      const killed = await serve();
      await killed.stop('SIGKILL');
      const afterKill = await rebuild();
      expect(afterKill.output).toMatch(/cases: 2 events/);
      expect(afterKill.code).toBe(0);

      const again = await serve();
      try {
        expect(await names()).toEqual(expect.arrayContaining(['Before the rebuild', 'After the refusal']));
      } finally {
        await again.stop();
      }
    });
  }, 300_000);
});

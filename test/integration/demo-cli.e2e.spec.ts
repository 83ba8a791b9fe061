import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '../support/api-client.js';
import { freePort, type RunningProcess, shellEnv, startProcess, waitForHealth, withDist } from '../support/processes.js';

interface DemoToken {
  readonly label: string;
  readonly roles: readonly string[];
  readonly token: string;
}

/**
 * Issue 7: `npm run demo` failed when run in the evening (the loader before this fix refused
 * `lodge-formal` on a Tuesday at 18:48 UTC). The real CLI, with the wall clock moved there by
 * faketime, and with CLOCK_FIXED at another awkward moment (Christmas Day, after the cut-off):
 * each loads, prints tokens and serves.
 */
describe('npm run demo at awkward moments (real processes)', () => {
  const root = mkdtempSync(join(tmpdir(), 'compact-demo-cli-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const demo = async (name: string, command: readonly string[], extraEnv: Record<string, string> = {}) => {
    const port = await freePort();
    const dataDir = join(root, name);
    const process = startProcess(command[0]!, command.slice(1), shellEnv({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extraEnv }));
    return { port, dataDir, process };
  };

  const expectServing = async (run: { port: number; dataDir: string; process: RunningProcess }) => {
    const baseUrl = `http://127.0.0.1:${run.port}`;
    await waitForHealth(`${baseUrl}/health`, run.process, 180_000);
    for (let i = 0; i < 40 && !run.process.output().includes('Tokens to try it with'); i++) await new Promise((r) => setTimeout(r, 250));
    expect(run.process.output()).toContain('Tokens to try it with');
    const tokens = JSON.parse(readFileSync(join(run.dataDir, 'demo-tokens.json'), 'utf8')) as DemoToken[];
    const secretariat = tokens.find((t) => t.roles.includes('secretariat'))!;
    expect(run.process.output()).toContain(secretariat.token);
    // The pages' address, where each printed token signs in.
    expect(run.process.output()).toContain(`Open ${baseUrl}/ in a browser and sign in`);
    const list = await api(baseUrl, secretariat.token).get<{ items: { state: string }[] }>('/disputes?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.state)).toEqual(expect.arrayContaining(['informal.awaitingAcknowledgement', 'cdg.panel.hearing', 'closed']));
  };

  it('loads, prints tokens and serves with the wall clock on a Tuesday evening, and frozen at Christmas after 16:30', async () => {
    await withDist(async () => {
      const tuesday = await demo('tuesday', ['faketime', '2026-11-17 18:48:00', 'node', 'dist/apps/cli/src/main.js', 'demo'], { TZ: 'UTC' });
      try {
        await expectServing(tuesday);
        expect(tuesday.process.output()).toMatch(/Loading the demo as of 2026-11-17T18:48:\d\d\.\d{3}Z/);
      } finally {
        await tuesday.process.stop();
      }
      const christmas = await demo('christmas', ['node', 'dist/apps/cli/src/main.js', 'demo'], { CLOCK_FIXED: '2026-12-25T16:45:00Z' });
      try {
        await expectServing(christmas);
        expect(christmas.process.output()).toContain('Loading the demo as of 2026-12-25T16:45:00.000Z');
      } finally {
        await christmas.process.stop();
      }
    });
  }, 400_000);
});

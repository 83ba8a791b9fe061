import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, REPO, shellEnv, startProcess, withDist } from '../support/processes.js';
import { runnableBlocks } from '../support/readme-blocks.js';


/**
 * Issue 7: the README's curl walkthrough, pasted into a shell, takes a dispute to closure. The
 * blocks are read from README.md itself and run by bash against the real `npm start`, on a free
 * port and a temporary data directory (the README reads PORT and DATA_DIR with defaults).
 */
describe('the README walkthrough, run as written', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'compact-readme-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('has the blocks to run: the walkthrough, then stopping the server', () => {
    const blocks = runnableBlocks(readFileSync(join(REPO, 'README.md'), 'utf8'));
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toContain('npm start &');
    expect(blocks[0]).toMatch(/for i in \$\(seq \d+\); do curl -sf \$API\/health/);
    expect(blocks[1]).toBe('kill %1');
  });

  it('starts the API, takes a dispute to closure over HTTP and stops the server again', async () => {
    const script = runnableBlocks(readFileSync(join(REPO, 'README.md'), 'utf8')).join('\n');
    const port = await freePort();
    await withDist(
      async () => {
        const shell = startProcess('bash', ['-e', '-o', 'pipefail', '-c', script], shellEnv({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' }));
        try {
          const exited = await new Promise<number | null>((done) => shell.child.once('exit', (code) => done(code)));
          const output = shell.output();
          expect({ exited, output }).toMatchObject({ exited: 0 });
          expect(output).toMatch(/"state": "closed"/);
          expect(output).toMatch(/"outcome": "resolved-informally"/);
          expect(output).toMatch(/"step": "acknowledgement",[\s\S]*?"status": "met"/);
          expect(output).toMatch(/"DisputeRaised"\n"AcknowledgementGiven"\n"ResolutionAgreed"\n"CaseClosed"/);
          // `kill %1` stopped the server: nothing answers on its port any more.
          await expect(waitUntilGone(`http://127.0.0.1:${port}/health`)).resolves.toBe(true);
        } finally {
          await shell.stop();
        }
      },
      { build: false },
    );
  }, 300_000);
});

async function waitUntilGone(url: string): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < 30_000; ) {
    const up = await fetch(url).then(
      () => true,
      () => false,
    );
    if (!up) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

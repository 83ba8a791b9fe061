import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, REPO, shellEnv, startProcess, withDist } from '../support/processes.js';
import { runnableBlocks } from '../support/readme-blocks.js';

/**
 * Issue 11's "done means": an auditor with only the README, on the demo data, finds a case,
 * replays it, verifies the whole log, exports a bundle and checks it offline; after one byte of an
 * event's data in the SQLite file is changed, `verify` names that event. The README's "Auditing"
 * block, read from README.md, run by bash as written, on a free port and temporary directories.
 */
describe('the README’s auditing walkthrough, run as written', () => {
  const root = mkdtempSync(join(tmpdir(), 'compact-readme-audit-'));
  const dataDir = join(root, 'data');
  const scratch = join(root, 'tmp');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('has one block to run, from starting the demo to verify naming the changed event', () => {
    const blocks = runnableBlocks(readFileSync(join(REPO, 'README.md'), 'utf8'), 'audit');
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toContain('npm run demo &');
    expect(blocks[0]).toContain('kill %1');
  });

  it('replays a case, verifies the log, checks a bundle offline, and names the event whose byte was changed', async () => {
    const [script] = runnableBlocks(readFileSync(join(REPO, 'README.md'), 'utf8'), 'audit');
    const port = await freePort();
    await withDist(
      async () => {
        mkdirSync(scratch);
        const shell = startProcess('bash', ['-e', '-o', 'pipefail', '-c', script!], shellEnv({ PORT: String(port), DATA_DIR: dataDir, TMPDIR: scratch, LOG_LEVEL: 'warn' }));
        try {
          const exited = await new Promise<number | null>((done) => shell.child.once('exit', (code) => done(code)));
          const output = shell.output();
          expect({ exited, output }).toMatchObject({ exited: 0 });
          // 1. and 2.: a closed case, replayed through the machine, with the respondent's commands.
          expect(output).toMatch(/\{"event":"DisputeRaised","state":"(informal|formal)\.awaitingAcknowledgement","stage":[12],"allowed":\[[^\]]*"acknowledge"/);
          expect(output).toMatch(/"state":"closed","stage":(null|4)/);
          expect(output).toMatch(/#0 \(position \d+\) .* DisputeRaised by /);
          // 3.: the whole log verifies; the chain began with the store.
          expect(output).toMatch(/\{"ok":true,"streams":\d+,"events":\d+,"failures":\[\],"chain":\{"sealedOnAppendFrom":1,"sealedByUpgrade":null\}\}/);
          // 4.: the bundle checked offline, signed by the trusted key, against the checkpoint.
          expect(output).toMatch(/✓ Case bundle .*bundle\.json: case [0-9a-f-]+, \d+ events.*: the chain holds\./);
          expect(output).toContain('(the key you trust).');
          expect(output).toMatch(/Checked against the checkpoint of position \d+, taken .* \(the key you trust\)\./);
          const [files] = readdirSync(scratch);
          expect(readFileSync(join(scratch, files!, 'timeline.html'), 'utf8')).toContain('The record’s hash chain holds');
          // 5.: one byte changed in the file, and verify names exactly that event.
          expect(output).toMatch(/✗ \d+ events in \d+ streams, to position \d+: 1 failure\.\n {2}✗ changed \(case [0-9a-f-]+\): DisputeRaised at revision 0 of dispute-[0-9a-f-]+ \(position \d+, event [0-9a-f-]+\) is not what was sealed/);
          expect(output).toContain('verify exited 1 (1: it found something)');
        } finally {
          await shell.stop();
        }
      },
      { build: false },
    );
  }, 600_000);
});

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sealBatch } from '#event-store';
import { CASES_PROJECTION } from '#projections';
import { dumpTables } from '../read-side/table-dump.js';
import { type Compact, type Engine, grievance, seedCompact, startEngine } from '../support/engine.js';
import { REPO, shellEnv, withDist } from '../support/processes.js';

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built command line as a separate process (stdout piped: JSON by default), DATA_DIR as given. */
function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn('node', ['bin/compact-disputes.js', ...args], { cwd: REPO, env: shellEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

const json = <T>(ran: Ran): T => {
  if (ran.stdout.trim() === '') throw new Error(`no answer (exit ${ran.code}): ${ran.stderr}`);
  return JSON.parse(ran.stdout) as T;
};

const rowsOf = (file: string): unknown[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM events ORDER BY position').raw().all();
  } finally {
    db.close();
  }
};

/**
 * Issue 11, the command line as scripts use it: answers as JSON when piped, exit statuses as the
 * README documents (0 ok, 1 a finding, 2 usage, 3 cannot run), on a data directory written by the
 * real engine; the export and import round trip, and offline checks against a checkpoint.
 */
describe('the auditors’ command line (real processes, from dist/)', () => {
  const root = mkdtempSync(join(tmpdir(), 'compact-audit-cli-'));
  const dataDir = join(root, 'data');
  const DATA_DIR = { DATA_DIR: dataDir };
  let caseId = '';
  let engine: Engine;
  let c: Compact;

  beforeAll(async () => {
    engine = await startEngine({ dataDir });
    c = await seedCompact(engine);
    caseId = (await engine.raise(c.charityOfficer, grievance([c.council]))).id;
    await engine.run(c.councilOfficer, caseId, 'acknowledge');
    await engine.run(c.secretariat, caseId, 'add-note', { text: 'For the CDG only', visibility: 'cdg' });
    await engine.run(c.charityOfficer, caseId, 'lodge-formal', { grounds: 'No progress informally' });
    const other = (await engine.raise(c.groupOfficer, grievance([c.county], { summary: 'Consultation cut short' }))).id;
    await engine.run(c.countyOfficer, other, 'acknowledge');
    await engine.settle();
    await engine.stop();
  }, 120_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('verifies, replays, exports, checkpoints, imports and checks the read models, each as documented', async () => {
    await withDist(async () => {
      // verify: JSON when piped, exit 0, the signing key printed.
      const verified = await cli(['verify'], DATA_DIR);
      expect(verified.code).toBe(0);
      expect(json(verified)).toMatchObject({ ok: true, failures: [], chain: { sealedOnAppendFrom: 1, sealedByUpgrade: null }, signingKey: { fingerprint: expect.stringMatching(/^sha256:/) } });
      expect((await cli(['verify', '--text'], DATA_DIR)).stdout).toMatch(/^✓ \d+ events in \d+ streams, to position \d+: every chain holds\./);
      expect(json(await cli(['verify', '--case', caseId], DATA_DIR))).toMatchObject({ ok: true, streams: 1, events: 4, caseId });

      // Usage errors exit 2, what cannot run exits 3, with a message.
      expect(await cli(['verify', '--bogus'], DATA_DIR)).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--bogus'") });
      expect(await cli(['verify'], { DATA_DIR: join(root, 'nothing-here') })).toMatchObject({ code: 3, stderr: expect.stringContaining('There is no event store at') });
      expect(await cli(['replay', '--case', 'no-such-case'], DATA_DIR)).toMatchObject({ code: 3, stderr: expect.stringContaining('No dispute no-such-case') });
      expect((await cli(['replay', '--case', caseId, '--as', 'judge'], DATA_DIR)).code).toBe(2);

      // replay for a part of the case.
      const replay = json<{ steps: { event: { type: string }; state: string; view: { allowed: string[] } }[] }>(await cli(['replay', '--case', caseId, '--as', 'respondent'], DATA_DIR));
      expect(replay.steps.map((s) => s.state)).toEqual(['informal.awaitingAcknowledgement', 'informal.inDiscussion', 'informal.inDiscussion', 'formal.awaitingAcknowledgement']);
      expect(replay.steps[0]?.view.allowed).toContain('acknowledge');

      // export a case bundle; verify it with no data directory at all.
      const bundleFile = join(root, 'bundle.json');
      expect(json(await cli(['export', '--case', caseId, '--out', bundleFile], DATA_DIR))).toMatchObject({ caseId, events: 4, chain: { ok: true } });
      expect(json(await cli(['verify', '--file', bundleFile]))).toMatchObject({ ok: true, kind: 'case bundle', events: 4, withheld: 0, signature: { ok: true } });
      // Beside it, the printable timeline, self-contained (its styles inside, nothing fetched from a server).
      const timeline = readFileSync(join(root, 'bundle.html'), 'utf8');
      expect(timeline).toContain('The record’s hash chain holds: 4 events.');
      expect(timeline).toContain('<style>');
      expect(timeline).not.toContain('href="/assets/');
      expect((await cli(['export', '--case', caseId, '--out', bundleFile], DATA_DIR)).code).toBe(3);

      // a checkpoint and the whole log; the export verifies against the checkpoint offline.
      const checkpoint = join(root, 'checkpoint.json');
      const log = join(root, 'log.ndjson');
      const signed = json<{ signedBy: { fingerprint: string } }>(await cli(['checkpoint', '--out', checkpoint], DATA_DIR));
      expect(json(await cli(['export', '--out', log], DATA_DIR))).toMatchObject({ file: log, events: expect.any(Number) });
      const offline = await cli(['verify', '--file', log, '--checkpoint', checkpoint, '--trust', signed.signedBy.fingerprint]);
      expect([offline.code, json(offline)]).toEqual([0, expect.objectContaining({ ok: true, kind: 'log export', checkpoint: expect.objectContaining({ fingerprint: signed.signedBy.fingerprint }) })]);
      expect((await cli(['verify', '--file', log, '--checkpoint', checkpoint, '--trust', 'sha256:someone-else'])).code).toBe(1);

      // import into an empty data directory: the same rows, byte for byte, and the same read models once built.
      const copyDir = join(root, 'copy');
      expect(json(await cli(['import', '--file', log], { DATA_DIR: copyDir }))).toMatchObject({ events: expect.any(Number) });
      expect(rowsOf(join(copyDir, 'events.sqlite'))).toEqual(rowsOf(join(dataDir, 'events.sqlite')));
      const copied = await startEngine({ dataDir: copyDir });
      const original = await startEngine({ dataDir });
      try {
        await copied.settle();
        await original.settle();
        for (const name of copied.readModels.names) expect([name, dumpTables(copied.readModels.db(name))]).toEqual([name, dumpTables(original.readModels.db(name))]);
      } finally {
        await copied.destroy();
        await original.stop();
      }
      expect((await cli(['import', '--file', log], { DATA_DIR: dataDir })).stderr).toContain('holds events already');

      // an export changed by one character is refused, and nothing is written.
      const damaged = join(root, 'damaged.ndjson');
      writeFileSync(damaged, readFileSync(log, 'utf8').replace('No progress informally', 'No progress whatever'));
      const refused = await cli(['import', '--file', damaged], { DATA_DIR: join(root, 'refused') });
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('does not verify') });
      expect(existsSync(join(root, 'refused', 'events.sqlite'))).toBe(false);

      // check-projections: fine, then a changed row named by its case.
      expect((await cli(['check-projections'], DATA_DIR)).code).toBe(0);
      const cases = new Database(join(dataDir, `${CASES_PROJECTION}.sqlite`));
      cases.prepare('UPDATE cases SET summary = ? WHERE case_id = ?').run('Tampered', caseId);
      cases.close();
      const differs = await cli(['check-projections'], DATA_DIR);
      expect([differs.code, json<{ cases: { caseId: string }[] }>(differs).cases.map((x) => x.caseId)]).toEqual([1, [caseId]]);

      // A history rewritten and sealed again passes verify, but not the earlier checkpoint, offline.
      rewriteAndSealAgain(join(dataDir, 'events.sqlite'), `dispute-${caseId}`);
      expect((await cli(['verify'], DATA_DIR)).code).toBe(0);
      const rewrittenLog = join(root, 'rewritten.ndjson');
      await cli(['export', '--out', rewrittenLog], DATA_DIR);
      const caught = await cli(['verify', '--file', rewrittenLog, '--checkpoint', checkpoint]);
      expect(caught.code).toBe(1);
      expect(json<{ failures: { kind: string; caseId: string }[] }>(caught).failures).toEqual([expect.objectContaining({ kind: 'changed', caseId })]);

      // One byte of an event's data changed in the file itself: verify names that event.
      const file = join(dataDir, 'events.sqlite');
      const bytes = readFileSync(file);
      const at = bytes.indexOf('Consultation cut short');
      expect(at).toBeGreaterThan(0);
      bytes[at] = 'K'.charCodeAt(0);
      writeFileSync(file, bytes);
      const named = await cli(['verify', '--text'], DATA_DIR);
      expect(named.code).toBe(1);
      expect(named.stdout).toMatch(/✗ changed \(case [0-9a-f-]+\): DisputeRaised at revision 0 of dispute-/);
      expect(named.stdout.match(/✗ /g)).toHaveLength(2);
    });
  }, 600_000);
});

/** Changes revision 1 of a stream and seals it and every later event again, as a forger who knows the scheme would. */
function rewriteAndSealAgain(file: string, streamId: string): void {
  const db = new Database(file);
  try {
    const rows = db.prepare('SELECT position, revision, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision').all(streamId) as { position: number; type: string; data: string; metadata: string }[];
    const data = rows.map((r, i) => (i === 1 ? r.data.replace(/}$/, ',"note":"added later"}') : r.data));
    const previous = (JSON.parse(rows[0]!.metadata) as { hash: string }).hash;
    const sealed = sealBatch(streamId, 1n, previous, rows.slice(1).map((r, i) => ({ type: r.type, data: JSON.parse(data[i + 1]!) as never, metadata: JSON.parse(r.metadata) as never })));
    rows.slice(1).forEach((r, i) => db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(data[i + 1], JSON.stringify(sealed[i]), r.position));
  } finally {
    db.close();
  }
}

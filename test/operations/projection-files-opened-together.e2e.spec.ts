import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { buildServer, type ServerBuild } from '../support/server-build.js';

/** Processes opening one fresh read-model file in the same instant, as instances sharing a data dir do at start. */
const PROCESSES = 2;
const ROUNDS = 3;

/**
 * One process: waits for the common start instant, then opens the file and prepares a projection
 * in it with the code the server runs (openReadModelFile, prepareProjectionFile). Its tables take
 * a while to create: up to RIVAL_WAIT_MS, or until another process's state row shows through a
 * second connection. So if preparing were not one write transaction, both processes would find
 * no row, wait for each other, and both insert one: the race two instances starting together hit.
 */
const OPENER = `
import Database from 'better-sqlite3';
const [projections, eventStore, logFile, file, startAt, rivalWaitMs] = process.argv.slice(1);
const { openReadModelFile, prepareProjectionFile } = await import(projections);
const { SqliteEventStore } = await import(eventStore);
while (Date.now() < Number(startAt)) { /* spin: start together */ }
const log = new SqliteEventStore({ filename: logFile });
const db = openReadModelFile(file);
const probe = new Database(file, { readonly: true });
const rivalRow = () => probe.prepare("SELECT 1 FROM projection_state WHERE name = 'together'").get();
const createTables = (d) => {
  const until = Date.now() + Number(rivalWaitMs);
  while (!rivalRow() && Date.now() < until) { /* a slow migration */ }
  d.exec('CREATE TABLE IF NOT EXISTS together_rows (id TEXT PRIMARY KEY)');
};
prepareProjectionFile(db, { name: 'together', version: 1, createTables, apply() {} });
probe.close();
db.close();
await log.close();
`;
const RIVAL_WAIT_MS = 400;

function runOpener(code: { projections: string; eventStore: string }, logFile: string, file: string, startAt: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', OPENER, code.projections, code.eventStore, logFile, file, String(startAt), String(RIVAL_WAIT_MS)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('a fresh log and read-model file opened by two processes at once', () => {
  let build: ServerBuild;
  let dir: string;

  beforeAll(async () => {
    build = await buildServer();
    dir = await mkdtemp(join(tmpdir(), 'opened-together-'));
  }, 120_000);

  afterAll(async () => {
    await build?.remove();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('both processes open them, and the read-model file holds one state row for the projection', async () => {
    const libs = join(build.entry, '../../../../libs');
    const code = { projections: pathToFileURL(join(libs, 'projections/src/index.js')).href, eventStore: pathToFileURL(join(libs, 'event-store/src/index.js')).href };
    for (let round = 0; round < ROUNDS; round++) {
      const file = join(dir, `round-${round}.sqlite`);
      const logFile = join(dir, `round-${round}-events.sqlite`);
      // Far enough ahead that every process has loaded the code and is spinning when it comes.
      const startAt = Date.now() + 1_500;
      const results = await Promise.all(Array.from({ length: PROCESSES }, () => runOpener(code, logFile, file, startAt)));
      for (const { code, output } of results) expect({ code, output }).toEqual({ code: 0, output: '' });
      const db = new Database(file, { readonly: true });
      expect(db.prepare("SELECT name, version, checkpoint FROM projection_state WHERE name = 'together'").all()).toEqual([{ name: 'together', version: 1, checkpoint: '0' }]);
      db.close();
    }
  }, 120_000);
});

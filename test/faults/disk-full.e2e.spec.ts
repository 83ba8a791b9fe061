import { execFile } from 'node:child_process';
import { mkdtemp, open, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { api } from '../support/api-client.js';
import { historyOf, metricValue, ok, PROCESS_START, type ProcessCast, processCastFor, projectionsCaughtUp, raiseCase } from './support/process-world.js';
import { buildServer, type ServerBuild } from '../support/server-build.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';

const run = promisify(execFile);
/** Room for the empty stores (about 0.5 MB) and some cases; small enough to fill in a moment. */
const DISK_SIZE = '4m';

/**
 * A real small disk (a tmpfs; mounting one needs root, or CAP_SYS_ADMIN in a container) holding
 * DATA_DIR, filled to the last byte by a ballast file, then freed: commands are refused 507
 * naming the cause, readiness and /metrics say the store is not writable, nothing acknowledged is
 * lost, nothing refused is written, and the same server writes again once space returns.
 */
describe('the data directory\'s disk full', () => {
  let build: ServerBuild;
  let disk: string;
  let server: ServerProcess;
  let cast: ProcessCast;
  let caseId: string;
  const ballast = () => join(disk, 'ballast');
  /** Texts of notes the server acknowledged (2xx) and refused (507). */
  const acknowledged: string[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    build = await buildServer();
    disk = await mkdtemp(join(tmpdir(), 'compact-disk-full-'));
    await run('mount', ['-t', 'tmpfs', '-o', `size=${DISK_SIZE}`, 'tmpfs', disk]).catch((error: unknown) => {
      throw new Error(`This suite needs a small real disk: mounting a ${DISK_SIZE} tmpfs at ${disk} failed (it needs root, or CAP_SYS_ADMIN in a container): ${String(error)}`);
    });
    server = await startServerProcess({ entry: build.entry, dataDir: disk, clock: PROCESS_START });
    cast = await processCastFor(server.baseUrl);
    caseId = await raiseCase(server.baseUrl, cast, 'Raised before the disk filled up');
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (disk) {
      await run('umount', ['-l', disk]).catch(() => undefined);
      await rmdir(disk).catch(() => undefined);
    }
    await build?.remove();
  });

  const note = (text: string, headers: Record<string, string> = {}) => api(server.baseUrl, cast.complainantToken).post(`/disputes/${caseId}/add-note`, { text }, headers);
  const send = async (text: string) => {
    const answer = await note(text);
    if (answer.status === 200) acknowledged.push(text);
    else refused.push(text);
    return answer;
  };

  it('refuses commands with 507 problem+json naming the cause once the disk is full, and keeps serving', async () => {
    ok(await send('Written while there was room'));
    await fillUp(ballast());
    // The store may still have room inside files it already holds (SQLite reuses its WAL): keep writing until it has none.
    let answer = await send('A note 0 '.padEnd(3_000, 'x'));
    for (let i = 1; answer.status === 200 && i < 500; i++) answer = await send(`A note ${i} `.padEnd(3_000, 'x'));

    expect(answer.status).toBe(507);
    expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(answer.body).toMatchObject({ status: 507, code: 'STORAGE.FULL', store: 'event store', reason: expect.stringMatching(/^(SQLITE_FULL|ENOSPC)$/) });
    expect((answer.body as { detail: string }).detail).toContain("The event store's disk is full");
    // Further commands are refused the same way, and reads and liveness are still answered.
    expect((await send('Refused as well')).status).toBe(507);
    expect((await fetch(`${server.baseUrl}/health/live`)).status).toBe(200);
    ok(await api(server.baseUrl, cast.auditorToken).get(`/disputes/${caseId}`));
  });

  it('refuses a command with an Idempotency-Key and an upload the same way, when their own records cannot be written', async () => {
    const keyed = await note('Sent with a key', { 'idempotency-key': 'disk-full-1' });
    refused.push('Sent with a key');
    expect(keyed.body).toMatchObject({ status: 507, code: 'STORAGE.FULL' });
    const upload = await api(server.baseUrl, cast.complainantToken).post(`/disputes/${caseId}/add-evidence`, {
      filename: 'letter.txt',
      contentType: 'text/plain',
      contentBase64: Buffer.alloc(300_000, 'e').toString('base64'),
    });
    expect(upload.body).toMatchObject({ status: 507, code: 'STORAGE.FULL', store: 'evidence files' });
  });

  it('says in readiness and in /metrics that the store is not writable', async () => {
    const health = await fetch(`${server.baseUrl}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ code: 'HEALTH.NOT_READY', checks: { eventStoreWritable: { status: 'down', reason: expect.any(String) } } });
    expect(metricValue(await (await fetch(`${server.baseUrl}/metrics`)).text(), 'event_store_writable')).toBe(0);
  });

  it('survives a crash while the disk is full: it starts again on the same full disk', async () => {
    await server.kill();
    server = await startServerProcess({ entry: build.entry, dataDir: disk, clock: PROCESS_START });
    expect((await send('Refused after the restart')).status).toBe(507);
  }, 90_000);

  it('is writable again once space is freed, without a command having to succeed first', async () => {
    await rm(ballast());
    const health = await fetch(`${server.baseUrl}/health`);
    expect([health.status, ((await health.json()) as { info: Record<string, unknown> }).info['eventStoreWritable']]).toEqual([200, { status: 'up' }]);
    expect(metricValue(await (await fetch(`${server.baseUrl}/metrics`)).text(), 'event_store_writable')).toBe(1);
    ok(await send('Written once space came back'));
  });

  it('lost nothing acknowledged, wrote nothing refused, and the read models carry on without a halted case', async () => {
    const texts = (await historyOf(server.baseUrl, cast.auditorToken, caseId)).filter((e) => e.type === 'NoteAdded').map((e) => e.data['text']);
    expect(texts).toEqual(acknowledged);
    for (const text of refused) expect(texts).not.toContain(text);
    expect(refused.length).toBeGreaterThan(2);

    const projections = await projectionsCaughtUp(server.baseUrl);
    expect(Object.keys(projections).sort()).toEqual(['cases', 'directory', 'report']);
    for (const projection of Object.values(projections)) expect(projection).toMatchObject({ lag: 0, failures: 0, halted: { count: 0 } });
  });
});

/** Writes a file until the disk has no byte left (ENOSPC). */
async function fillUp(path: string): Promise<void> {
  const file = await open(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) await file.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await file.close().catch(() => undefined);
  }
  // The last partial chunk: fill the remaining bytes too.
  const tail = await open(path, 'a');
  try {
    for (let size = 32 * 1024; size >= 1; size = Math.floor(size / 2)) await tail.write(Buffer.alloc(size, 1)).catch(() => undefined);
  } finally {
    await tail.close().catch(() => undefined);
  }
}

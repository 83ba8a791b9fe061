import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { api, type ApiClient } from '../support/api-client.js';
import { raiseBody } from '../e2e/support/e2e-world.js';
import { buildServer, type ServerBuild } from '../support/server-build.js';

const ADMIN_TOKEN = 'two-instances-admin-token-0001';
const ROOT = process.cwd();
/** Enough cases that one scheduler's run is still going when the other instance's starts. */
const CASES = 120;

interface Instance {
  readonly name: string;
  readonly baseUrl: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** The API's entry point (apps/api/src/main.ts) as a process of its own, on 127.0.0.1 and a port the system picks. */
async function startInstance(name: string, entry: string, dataDir: string, clock: string): Promise<Instance> {
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      CLOCK_FIXED: clock,
      BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening?.[1]) {
        clearTimeout(timer);
        resolve(listening[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    name,
    baseUrl,
    output: () => output,
    async stop() {
      // SIGTERM: graceful, so a deadline run in progress finishes before the process ends.
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every case a person's list shows, page by page, once the instance has applied `minPosition`. */
async function listAll(client: ApiClient, minPosition: string | number): Promise<{ id: string; state: string }[]> {
  const items: { id: string; state: string }[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `/disputes?minPosition=${minPosition}&limit=100${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const page = bodyOf<{ items: { id: string; state: string }[]; nextCursor: string | null }>(await client.get(query));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

const bodyOf = <T>(response: { status: number; text: string; body: unknown }, status = 200): T => {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
  return response.body as T;
};

/**
 * Issue 13: several instances on one store. Two real server processes share one data directory
 * (its SQLite event store and read models); each serves fresh reads of what was written through
 * the other, and when both come up after a due date has passed, their deadline schedulers record
 * each miss exactly once between them.
 */
describe('two app instances on one store', () => {
  let dataDir: string;
  let build: ServerBuild;
  const running: Instance[] = [];

  beforeAll(async () => {
    // The sources compiled into a directory of this suite's own (npm run build's layout, templates included).
    build = await buildServer();
    dataDir = await mkdtemp(join(tmpdir(), 'compact-two-instances-'));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(running.map((instance) => instance.stop()));
    await rm(dataDir, { recursive: true, force: true });
    await build?.remove();
  });

  const both = async (clock: string): Promise<[Instance, Instance]> => {
    const pair = await Promise.all([startInstance('A', build.entry, dataDir, clock), startInstance('B', build.entry, dataDir, clock)]);
    running.push(...pair);
    return pair;
  };
  const stopAll = async () => {
    await Promise.all(running.splice(0).map((instance) => instance.stop()));
  };

  it('serves fresh reads of each other’s writes, then records each missed deadline exactly once', async () => {
    // --- 2 March 2026: both up; the directory and the disputes written through A --------------
    const [a, b] = await both('2026-03-02T10:00:00Z');
    const adminA = api(a.baseUrl, ADMIN_TOKEN);
    const council = bodyOf<{ id: string }>(await adminA.post('/organisations', { name: 'Fenland District Council', sector: 'statutory', type: 'district council' }), 201).id;
    const charity = bodyOf<{ id: string }>(await adminA.post('/organisations', { name: 'Wisbech Food Bank', sector: 'vcs', type: 'charity' }), 201).id;
    const person = async (client: ApiClient, name: string, organisationId: string) =>
      bodyOf<{ token: string }>(await client.post('/people', { name, email: `${name.replace(/\W/g, '.')}@example.org`, roles: ['partner'], organisationId }), 201).token;
    const officerToken = await person(adminA, 'Food bank officer', charity);
    // Registered through B: B's directory must already know the council A signed.
    const councilToken = await person(api(b.baseUrl, ADMIN_TOKEN), 'Council officer', council);

    const officerA = api(a.baseUrl, officerToken);
    const raised: { id: string; position: string | number }[] = [];
    for (let i = 0; i < CASES; i++) raised.push(bodyOf(await officerA.post('/disputes', raiseBody(council, { summary: `Grant cut ${i}` })), 201));
    const ids = raised.map((r) => r.id);

    // B reads A's writes: the case itself (from the log) and the list (B's read models).
    const officerB = api(b.baseUrl, officerToken);
    expect(bodyOf<{ state: string }>(await officerB.get(`/disputes/${ids[0]}`)).state).toBe('informal.awaitingAcknowledgement');
    const listedByB = await listAll(officerB, raised.at(-1)?.position ?? 0);
    expect(listedByB.map((item) => item.id).sort()).toEqual([...ids].sort());

    // A reads B's write: the council acknowledges the first case through B.
    const acknowledged = bodyOf<{ position: string | number }>(await api(b.baseUrl, councilToken).post(`/disputes/${ids[0]}/acknowledge`, {}));
    const listedByA = await listAll(officerA, acknowledged.position);
    expect(listedByA.find((item) => item.id === ids[0])?.state).not.toBe('informal.awaitingAcknowledgement');
    await stopAll();

    // --- 10 March 2026: both come up together, past the acknowledgement deadline of 9 March ------
    const [a2, b2] = await both('2026-03-10T09:00:00Z');
    const unacknowledged = ids.slice(1);
    for (const [i, id] of unacknowledged.entries()) {
      // Read through each instance in turn: both see the misses, whichever recorded them.
      const reader = api((i % 2 === 0 ? a2 : b2).baseUrl, officerToken);
      await eventually(`the missed acknowledgement of ${id}`, async () => {
        const events = bodyOf<{ events: { type: string }[] }>(await reader.get(`/disputes/${id}/history`)).events;
        return events.some((e) => e.type === 'DeadlineMissed') ? true : undefined;
      });
    }
    const runs = [a2, b2].map((instance) => (instance.output().match(/Deadline run for 2026-03-10/g) ?? []).length);
    // Graceful stops wait for any deadline run still going, so the log below is final.
    await stopAll();

    const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    try {
      const misses = db
        .prepare(`SELECT stream_id, json_extract(data, '$.deadlineId') AS deadline, count(*) AS n FROM events WHERE type = 'DeadlineMissed' GROUP BY 1, 2 ORDER BY 1, 2`)
        .all() as { stream_id: string; deadline: string; n: number }[];
      expect(misses).toEqual(unacknowledged.map((id) => ({ stream_id: `dispute-${id}`, deadline: 'acknowledgement-1', n: 1 })).sort((x, y) => x.stream_id.localeCompare(y.stream_id)));
    } finally {
      db.close();
    }
    // Which scheduler recorded what depends on the race; that both ran at start is in their logs.
    console.log(`deadline runs that recorded something: A ${runs[0]}, B ${runs[1]}`);
  }, 240_000);
});

import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { SqliteEventStore, verifyStore } from '#event-store';
import { SeededRandom } from '../../apps/cli/src/demo/seeded-random.js';
import { api } from '../support/api-client.js';
import { raiseBody } from '../e2e/support/e2e-world.js';
import { dumpTables } from '../read-side/table-dump.js';
import { ok, PROCESS_START, type ProcessCast, processCastFor, projectionsCaughtUp, raiseCase } from './support/process-world.js';
import { buildServer, type ServerBuild } from '../support/server-build.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';

/** `npm test` runs five; `npm run test:crash -- --rounds 50` runs more (see long-run.mjs). */
const ROUNDS = Number(process.env['FAULTS_CRASH_ROUNDS'] ?? 5);
const SEED = Number(process.env['FAULTS_SEED'] ?? 20_260_302);
/** Clients sending commands at once, each on a case of its own (and now and then raising one). */
const WORKERS = 6;
/** Two weeks on: every case's 5-working-day acknowledgement has passed unacknowledged. */
const LATER = '2026-03-16T10:00:00.000Z';
const READ_MODELS = ['directory.sqlite', 'cases.sqlite', 'report.sqlite'];

/** One command a client sent, with what became of it. */
interface Sent {
  readonly key: string;
  readonly kind: 'note' | 'raise';
  /** The case a note went to; for a raise, the case it created once answered. */
  caseId: string | null;
  /** The note's text, or the raised case's summary: unique, so the log can be searched for it. */
  readonly text: string;
  outcome: 'acknowledged' | 'lost' | 'refused';
  answer?: { readonly id: string; readonly revision: number; readonly position: number };
  refusal?: string;
}

interface EventRow {
  readonly position: bigint;
  readonly stream_id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: string;
}

/**
 * The server as a child process under command load, SIGKILLed at random moments and started again
 * on the same data dir, the last time at a later instant so that the last crash comes while its
 * deadline scheduler records what has passed. Afterwards, read from the files themselves: every
 * acknowledged command is in the log where its answer said, a command whose answer the crash took
 * is applied exactly once when retried with its Idempotency-Key, no stream or the log has a gap,
 * the scheduler recorded each passed deadline once, and the read models equal a rebuild.
 */
describe(`a server killed ${ROUNDS} times under load`, () => {
  const random = new SeededRandom(SEED);
  const sent: Sent[] = [];
  let build: ServerBuild;
  let dataDir: string;
  let server: ServerProcess;
  let cast: ProcessCast;
  const cases: string[] = [];

  const start = async (clock: string) => {
    server = await startServerProcess({ entry: build.entry, dataDir, clock });
  };

  beforeAll(async () => {
    build = await buildServer();
    dataDir = await mkdtemp(join(tmpdir(), 'compact-crash-'));
    await start(PROCESS_START);
    cast = await processCastFor(server.baseUrl);
    for (let w = 0; w < WORKERS; w++) cases.push(await raiseCase(server.baseUrl, cast, `Case of worker ${w}`));
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await build?.remove();
  });

  /** Sends one command; `lost` when the connection broke before an answer came. */
  const send = async (command: Sent): Promise<void> => {
    const client = api(server.baseUrl, cast.complainantToken);
    const headers = { 'idempotency-key': command.key };
    const answer = await (command.kind === 'note'
      ? client.post(`/disputes/${command.caseId}/add-note`, { text: command.text }, headers)
      : client.post('/disputes', raiseBody(cast.council, { summary: command.text }), headers)
    ).catch(() => null);
    if (answer === null) {
      command.outcome = 'lost';
    } else if (answer.status === 200 || answer.status === 201) {
      command.outcome = 'acknowledged';
      command.answer = answer.body as Sent['answer'];
      if (command.kind === 'raise') command.caseId = command.answer?.id ?? null;
    } else {
      command.outcome = 'refused';
      command.refusal = `${answer.status} ${answer.text.slice(0, 300)}`;
    }
  };

  it('keeps taking commands across the crashes, and retried with its key each command whose answer a crash took', async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      let killed = false;
      const worker = async (w: number) => {
        for (let n = 0; !killed; n++) {
          const raise = random.chance(0.1);
          const command: Sent = {
            key: `crash-${round}-${w}-${n}`,
            kind: raise ? 'raise' : 'note',
            caseId: raise ? null : (cases[w] as string),
            text: `Round ${round}, worker ${w}, command ${n}`,
            outcome: 'lost',
          };
          sent.push(command);
          await send(command);
        }
      };
      const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
      await new Promise((resolve) => setTimeout(resolve, random.int(300, 1_500)));
      killed = true;
      await server.kill();
      await Promise.all(workers);
      // Before the last round the clock moves on, so that round's crash comes while the scheduler
      // records the deadlines that have passed (it starts on start-up).
      await start(round < ROUNDS - 1 ? PROCESS_START : LATER);
      for (const command of sent.filter((c) => c.outcome === 'lost')) await send(command);
    }
    const summary = { acknowledged: 0, lost: 0, refused: 0 };
    for (const command of sent) summary[command.outcome] += 1;
    expect(sent.filter((c) => c.outcome !== 'acknowledged').map((c) => `${c.key}: ${c.outcome} ${c.refusal ?? ''}`)).toEqual([]);
    expect(summary.acknowledged).toBeGreaterThan(ROUNDS * WORKERS);
  }, ROUNDS * 60_000);

  it('answers a retry of an acknowledged command with its first answer, after the crashes', async () => {
    const earlier = sent.filter((c) => c.kind === 'note').filter((_, i) => i % 25 === 0);
    for (const command of earlier) {
      const first = command.answer;
      await send(command);
      expect(command.answer).toEqual(first);
    }
  }, 60_000);

  it('resumes the deadline scheduler: each deadline that passed before the last crashes is recorded once', async () => {
    const raised = [...cases, ...sent.filter((c) => c.kind === 'raise').map((c) => c.caseId as string)];
    // A raise lost in the crash before the clock moved was applied then, or by its retry later.
    const missedOf = async (caseId: string) => {
      const { events } = ok<{ events: { type: string; occurredAt: string }[] }>(await api(server.baseUrl, cast.auditorToken).get(`/disputes/${caseId}/history`));
      return { raisedAt: events[0]?.occurredAt, missed: events.filter((e) => e.type === 'DeadlineMissed').length };
    };
    const expected = (found: { raisedAt: string | undefined }[]) => found.map((f) => ({ raisedAt: f.raisedAt, missed: f.raisedAt === PROCESS_START ? 1 : 0 }));
    const deadline = Date.now() + 30_000;
    let found = await Promise.all(raised.map(missedOf));
    while (JSON.stringify(found) !== JSON.stringify(expected(found)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      found = await Promise.all(raised.map(missedOf));
    }
    expect(found).toEqual(expected(found));
    expect(found.filter((f) => f.missed === 1).length).toBeGreaterThanOrEqual(WORKERS);
  }, 60_000);

  describe('read from the files once the server has stopped', () => {
    let log: EventRow[];

    beforeAll(async () => {
      // The read models as the running server left them, having applied the whole log.
      const projections = await projectionsCaughtUp(server.baseUrl);
      expect(Object.keys(projections).sort()).toEqual(['cases', 'directory', 'report']);
      expect(Object.values(projections).map((p) => p.lag)).toEqual([0, 0, 0]);
      await server.stop();
      const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
      try {
        db.defaultSafeIntegers(true);
        log = db.prepare('SELECT position, stream_id, revision, type, data FROM events ORDER BY position').all() as EventRow[];
      } finally {
        db.close();
      }
    });

    it('has every acknowledged command in the log, where its answer said, and each exactly once', () => {
      const byPosition = new Map(log.map((e) => [e.position, e]));
      for (const command of sent.filter((c) => c.kind === 'note')) {
        const event = byPosition.get(BigInt(command.answer?.position ?? -1));
        expect({ key: command.key, stream: event?.stream_id, revision: event?.revision, type: event?.type, text: JSON.parse(event?.data ?? '{}').text }).toEqual({
          key: command.key,
          stream: `dispute-${command.caseId}`,
          revision: BigInt(command.answer?.revision ?? -1),
          type: 'NoteAdded',
          text: command.text,
        });
      }
      const texts = log.filter((e) => e.type === 'NoteAdded').map((e) => JSON.parse(e.data).text as string);
      expect(texts.length).toBe(new Set(texts).size);
      const summaries = log.filter((e) => e.type === 'DisputeRaised').map((e) => JSON.parse(e.data).summary as string);
      for (const command of sent.filter((c) => c.kind === 'raise')) expect(summaries.filter((s) => s === command.text)).toHaveLength(1);
    });

    it('has no gap: positions run 1..n, and each stream\'s revisions 0..m', () => {
      expect(log.map((e) => e.position)).toEqual(log.map((_, i) => BigInt(i + 1)));
      const revisions = new Map<string, bigint[]>();
      for (const e of log) revisions.set(e.stream_id, [...(revisions.get(e.stream_id) ?? []), e.revision]);
      for (const [stream, seen] of revisions) expect({ stream, seen }).toEqual({ stream, seen: seen.map((_, i) => BigInt(i)) });
    });

    it('has every stream\'s audit hash chain unbroken, and the log\'s positions without a gap', async () => {
      const store = SqliteEventStore.open({ filename: join(dataDir, 'events.sqlite') });
      try {
        expect(await verifyStore(store)).toMatchObject({ ok: true, failures: [], events: log.length });
      } finally {
        await store.close();
      }
    });

    it('has read models equal to a rebuild from the log in a scratch copy', async () => {
      const scratch = await mkdtemp(join(tmpdir(), 'compact-crash-rebuild-'));
      try {
        await cp(dataDir, scratch, { recursive: true });
        await promisify(execFile)(process.execPath, [build.cli, 'rebuild'], { env: { PATH: process.env['PATH'] ?? '', DATA_DIR: scratch, CLOCK_FIXED: LATER, NODE_ENV: 'test', LOG_LEVEL: 'warn' } });
        for (const file of READ_MODELS) {
          const [live, rebuilt] = [join(dataDir, file), join(scratch, file)].map((path) => {
            const db = new Database(path, { readonly: true });
            try {
              return dumpTables(db);
            } finally {
              db.close();
            }
          });
          expect({ file, tables: live }).toEqual({ file, tables: rebuilt });
        }
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    }, 120_000);
  });
});

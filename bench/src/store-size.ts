import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCalendar } from '#application';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EVENT_STORE, type EventStore, type EventToAppend, type RecordedEvent, SqliteEventStore, verifyStore } from '#event-store';
import { allProjections, ReadModels } from '#projections';
import { busCast, startBenchEngine } from './bus-cast.js';
import { httpCast, httpPool } from './http-cast.js';
import { drive } from './load.js';
import { lifecycle, untimed } from './lifecycle.js';
import { type ServerProcess } from './server-process.js';

export interface StoreSizeRow {
  readonly events: number;
  /** Appending copies of real cases through the store (group commit, no read models), events/s. */
  readonly seedPerSecond: number;
  readonly seedSeconds: number;
  /** Reading the whole log in pages of 5,000, events/s. */
  readonly scanPerSecond: number;
  /** The whole hash chain verified (GET /audit/verify, cli verify), events/s. */
  readonly verifyPerSecond: number;
  /** Most the live heap (after a full collection) grew by while verifying, MB: a few fields per stream, never the events. */
  readonly verifyHeapMb: number;
  /** Every read model (directory, cases, report) built from an empty file, events/s. */
  readonly rebuildPerSecond: number;
  readonly rebuildSeconds: number;
  /** The API process from spawn to `/health/ready` answering 200, ms. */
  readonly startupMs: number;
  /** Its resident set once ready, and after a few seconds of commands, MB. */
  readonly rssReadyMb: number;
  readonly rssLoadedMb: number;
  /** p50 of a command over HTTP at K=4 on this store, ms. */
  readonly commandP50Ms: number;
}

/** One real lifecycle's stream and the directory it needs, to copy. */
export async function templateEvents(dir: string): Promise<{ directory: RecordedEvent[]; story: RecordedEvent[] }> {
  const app = await startBenchEngine(dir);
  const { cast, sender } = await busCast(app);
  const id = await lifecycle(sender, cast, untimed);
  const store = app.get<EventStore>(EVENT_STORE);
  const all = await store.readAll({ limit: 10_000 });
  const story = await store.readStream(`dispute-${id}`);
  await app.close();
  return { directory: all.filter((e) => !e.streamId.startsWith('dispute-')), story };
}

/** The collector, for live-heap figures (a bench only; the flag is set at run time). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const copyOf = (e: RecordedEvent, caseId: string | null): EventToAppend => ({
  id: randomUUID(),
  type: e.type,
  data: caseId !== null && e.type === 'DisputeRaised' ? { ...e.data, caseId } : e.data,
  metadata: caseId !== null ? { ...e.metadata, caseId } : e.metadata,
});

/**
 * A store of `events` events (copies of the template case, fresh ids), then: the log scanned,
 * every read model built from zero, and the API started on it as a process (start-up time, RSS,
 * a short HTTP load).
 */
export async function measureStoreSize(
  dir: string,
  events: number,
  template: { directory: RecordedEvent[]; story: RecordedEvent[] },
  startApi: (dataDir: string) => Promise<ServerProcess>,
): Promise<StoreSizeRow> {
  mkdirSync(dir, { recursive: true });
  const store = SqliteEventStore.open({ filename: join(dir, 'events.sqlite') });
  for (const e of template.directory) await store.append(e.streamId, [copyOf(e, null)], 'any');
  let t = performance.now();
  const appends: Promise<unknown>[] = [];
  for (let copies = Math.ceil(events / template.story.length); copies > 0; copies--) {
    const caseId = randomUUID();
    appends.push(store.append(`dispute-${caseId}`, template.story.map((e) => copyOf(e, caseId)), 'no_stream'));
    if (appends.length >= 2_000) await Promise.all(appends.splice(0));
  }
  await Promise.all(appends);
  const head = Number(await store.headPosition());
  const seedSeconds = (performance.now() - t) / 1000;
  const seedPerSecond = head / seedSeconds;

  t = performance.now();
  let scanned = 0;
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, limit: 5_000 });
    if (page.length === 0) break;
    scanned += page.length;
    after = page[page.length - 1]!.position;
  }
  const scanPerSecond = scanned / ((performance.now() - t) / 1000);

  t = performance.now();
  const verified = await verifyStore(store);
  const verifyPerSecond = verified.events / ((performance.now() - t) / 1000);
  if (!verified.ok) throw new Error(`The seeded log does not verify: ${verified.failures[0]?.detail}`);
  // Again, timed no longer: the live heap after a full collection, sampled every 10,000 events.
  const gc = collector();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  await verifyStore(store, {
    onProgress: ({ events: seen }) => {
      if (seen % 10_000 !== 0) return;
      gc();
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    },
  });
  const verifyHeapMb = (heapPeak - heapBefore) / 1024 / 1024;

  const readModels = new ReadModels(store, dir, allProjections({ calendar: createCalendar() }));
  t = performance.now();
  readModels.start();
  await readModels.waitFor(BigInt(head), 3_600_000);
  const rebuildSeconds = (performance.now() - t) / 1000;
  const rebuildPerSecond = head / rebuildSeconds;
  await readModels.stop();
  await store.close();

  const server = await startApi(dir);
  try {
    const rssReadyMb = server.rssMb();
    const pool = httpPool(server.baseUrl, 4);
    const { cast, sender } = await httpCast(pool, new Date().toISOString().slice(0, 10), 'after-start');
    const load = await drive(4, { warmupSeconds: 0.5, seconds: 2 }, async (time) => void (await lifecycle(sender, cast, time)));
    await pool.close();
    return { events: head, seedPerSecond, seedSeconds, scanPerSecond, verifyPerSecond, verifyHeapMb, rebuildPerSecond, rebuildSeconds, startupMs: server.startupMs, rssReadyMb, rssLoadedMb: server.rssMb(), commandP50Ms: load.p50Ms };
  } finally {
    await server.stop();
  }
}

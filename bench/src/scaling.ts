import { EVENT_STORE, type EventStore, type EventToAppend, verifyStore } from '#event-store';
import { ReadModels } from '#projections';
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { benchCompact, COMMANDS_PER_LIFECYCLE, startBenchEngine } from './bench-compact.js';

export interface ScalingRow {
  readonly events: number;
  readonly seedPerSecond: number;
  readonly commandMs: number;
  readonly rebuildPerSecond: number;
  readonly readAllPerSecond: number;
  /** The whole hash chain verified (GET /audit/verify, cli verify). */
  readonly verifyPerSecond: number;
  /** Most the live heap (after a full collection) grew by while verifying: a few fields per stream, never the events. */
  readonly verifyHeapMb: number;
  readonly streams: number;
}

/** The collector, for live-heap figures (a bench only; the flag is set at run time). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * How cost grows with the log: the store is seeded with copies of one real case's events (fresh
 * ids, same facts) until it holds `events`, then a new case's commands are timed, the cases read
 * model is rebuilt from zero, the whole log is read, and its hash chain verified.
 */
export async function measureAt(dataDir: string, events: number): Promise<ScalingRow> {
  const app = await startBenchEngine(dataDir);
  const compact = await benchCompact(app);
  const lifecycle = () => compact.lifecycle();
  const store = app.get<EventStore>(EVENT_STORE);
  const readModels = app.get(ReadModels);
  const template = await store.readStream(`dispute-${await lifecycle()}`);

  const seeded = performance.now();
  const appends: Promise<unknown>[] = [];
  for (let copies = Math.ceil(events / template.length); copies > 0; copies--) {
    const caseId = randomUUID();
    const copy: EventToAppend[] = template.map((e) => ({
      id: randomUUID(),
      type: e.type,
      data: e.type === 'DisputeRaised' ? { ...e.data, caseId } : e.data,
      metadata: e.metadata,
    }));
    appends.push(store.append(`dispute-${caseId}`, copy, 'no_stream'));
    if (appends.length >= 2_000) await Promise.all(appends.splice(0));
  }
  await Promise.all(appends);
  const seedSeconds = (performance.now() - seeded) / 1000;
  const head = await store.headPosition();
  await readModels.waitFor(head, 600_000);

  const timed = performance.now();
  const rounds = 20;
  for (let i = 0; i < rounds; i++) await lifecycle();
  const commandMs = (performance.now() - timed) / (rounds * COMMANDS_PER_LIFECYCLE);

  const read = performance.now();
  let count = 0;
  for (let after = 0n; ; ) {
    const batch = await store.readAll({ after, limit: 5_000 });
    if (batch.length === 0) break;
    count += batch.length;
    after = batch[batch.length - 1]!.position;
  }
  const readAllPerSecond = count / ((performance.now() - read) / 1000);

  const verifying = performance.now();
  const verified = await verifyStore(store);
  const verifyPerSecond = verified.events / ((performance.now() - verifying) / 1000);
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
  if (!verified.ok) throw new Error(`The seeded log does not verify: ${verified.failures[0]?.detail}`);

  const rebuilt = await readModels.rebuild('cases');
  await app.close();
  return {
    events: Number(head),
    seedPerSecond: Number(head) / seedSeconds,
    commandMs,
    rebuildPerSecond: rebuilt.events / (rebuilt.milliseconds / 1000),
    readAllPerSecond,
    verifyPerSecond,
    verifyHeapMb: (heapPeak - heapBefore) / 1024 / 1024,
    streams: verified.streams,
  };
}

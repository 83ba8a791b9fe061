import type Database from 'better-sqlite3';
import { type EventStore, type EventSubscription, type RecordedEvent } from '#event-store';
import { type Projection } from './projection.js';
import { perFile } from './per-file.js';
import { statement } from './statement-cache.js';

export interface ProjectionFailure {
  readonly position: bigint;
  readonly eventId: string;
  readonly eventType: string;
  readonly error: string;
}

/**
 * A stream the projection stopped applying: one of its events failed, so its later events would
 * fold onto a state that lacks it. They are counted, not applied, until a rebuild (a fresh file)
 * applies the stream again, once the cause (the code that reads the event) is fixed.
 */
export interface HaltedStream extends ProjectionFailure {
  readonly streamId: string;
  /** Later events of the stream the projection has not applied. */
  readonly skippedEvents: number;
}

export interface PositionWaiter {
  readonly position: bigint;
  readonly resolve: () => void;
}

const MAX_BATCH = 500;
/** A batch that could not be committed (the file was locked too long) is retried after this. */
const RETRY_MS = 100;

/** Halted streams listed by status(); the count covers the rest. */
const HALTED_STREAMS_LISTED = 20;

/** Where a projection's file keeps the streams it stopped applying (read models may join it). */
export const HALTED_STREAMS_TABLE = 'projection_halted_streams';

/** The checkpoint stored in the projection's file; 0n for a file the projection never wrote to. */

export function storedCheckpoint(db: Database.Database, name: string): bigint {
  const row = statement(db, 'SELECT checkpoint FROM projection_state WHERE name = ?').get(name) as { checkpoint: string } | undefined;
  return BigInt(row?.checkpoint ?? '0');
}

/**
 * Creates the projection's tables and its state row in a fresh (or current-version) file.
 * Instances sharing a data dir may start together: the check and the insert run as one
 * write transaction (IMMEDIATE takes the file's write lock first), so the second waits and finds the row.
 */
export function prepareProjectionFile(db: Database.Database, projection: Projection): void {
  db.transaction(() => {
    const row = db.prepare('SELECT version FROM projection_state WHERE name = ?').get(projection.name) as { version: number } | undefined;
    if (row && row.version !== projection.version) {
      throw new Error(`Projection ${projection.name} is at version ${row.version} but the code is at ${projection.version}: rebuild it`);
    }
    projection.createTables(db);
    db.exec(`CREATE TABLE IF NOT EXISTS ${HALTED_STREAMS_TABLE} (
      stream_id TEXT PRIMARY KEY,
      position TEXT NOT NULL,
      event_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      error TEXT NOT NULL,
      skipped_events INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID`);
    if (!row) {
      db.prepare('INSERT INTO projection_state (name, version, checkpoint) VALUES (?, ?, ?)').run(projection.name, projection.version, '0');
    }
  }).immediate();
}

/** The failures the file has recorded, oldest first; they survive restarts like the tables do. */
export function recordedFailures(db: Database.Database): { count: number; last: ProjectionFailure | null } {
  const count = db.prepare('SELECT count(*) AS n FROM projection_failures').get() as { n: number };
  const last = db.prepare('SELECT position, event_id, event_type, error FROM projection_failures ORDER BY id DESC LIMIT 1').get() as
    | { position: string; event_id: string; event_type: string; error: string }
    | undefined;
  return {
    count: count.n,
    last: last ? { position: BigInt(last.position), eventId: last.event_id, eventType: last.event_type, error: last.error } : null,
  };
}

/** The streams the file has halted, oldest failure first (at most `limit`), and how many there are. */
export function haltedStreams(db: Database.Database, limit = HALTED_STREAMS_LISTED): { count: number; streams: HaltedStream[] } {
  const count = db.prepare(`SELECT count(*) AS n FROM ${HALTED_STREAMS_TABLE}`).get() as { n: number };
  const rows = db
    .prepare(`SELECT stream_id, position, event_id, event_type, error, skipped_events FROM ${HALTED_STREAMS_TABLE} ORDER BY CAST(position AS INTEGER) LIMIT ?`)
    .all(limit) as { stream_id: string; position: string; event_id: string; event_type: string; error: string; skipped_events: number }[];
  return {
    count: count.n,
    streams: rows.map((r) => ({
      streamId: r.stream_id,
      position: BigInt(r.position),
      eventId: r.event_id,
      eventType: r.event_type,
      error: r.error,
      skippedEvents: r.skipped_events,
    })),
  };
}

/**
 * Applies a batch and the new checkpoint in one IMMEDIATE transaction. Events at or below the
 * checkpoint stored in the file are skipped, so two runners on one file (two instances on one data
 * directory) never apply an event twice. Each event runs in its own savepoint: one that throws is
 * recorded as a failure, its partial effect undone, its stream halted (see HaltedStream), and the
 * batch carries on with the other streams. Should the batch's end (endBatch) fail, the batch is
 * applied again one event at a time, so the failure is pinned to its event and the rest go on.
 * Answers the new checkpoint. A file that stays locked throws, and nothing is committed.
 */
export function applyBatch(db: Database.Database, projection: Projection, batch: readonly RecordedEvent[]): bigint {
  try {
    return inOneTransaction(db, projection, batch, false);
  } catch (error) {
    if (isLockError(error) || !db.open) throw error;
    let checkpoint = storedCheckpoint(db, projection.name);
    for (const event of batch) checkpoint = inOneTransaction(db, projection, [event], true);
    return checkpoint;
  }
}

/** `endBatchPerEvent`: the batch's end runs inside each event's savepoint, so that it fails as the event. */
function inOneTransaction(db: Database.Database, projection: Projection, batch: readonly RecordedEvent[], endBatchPerEvent: boolean): bigint {
  const run = db.transaction(() => {
    const stored = storedCheckpoint(db, projection.name);
    let checkpoint = stored;
    // Most files have halted nothing: then no event needs looking up.
    let anyHalted = statement(db, `SELECT EXISTS (SELECT 1 FROM ${HALTED_STREAMS_TABLE})`).pluck().get() === 1;
    for (const event of batch) {
      if (event.position <= checkpoint) continue;
      checkpoint = event.position;
      // A halted stream's event is counted instead of applied.
      if (anyHalted && statement(db, `UPDATE ${HALTED_STREAMS_TABLE} SET skipped_events = skipped_events + 1 WHERE stream_id = ?`).run(event.streamId).changes > 0) {
        continue;
      }
      if (projection.accepts?.(event) === false) continue;
      const applied = applyOne(db, event, () => {
        projection.apply(db, event);
        if (endBatchPerEvent) projection.endBatch?.(db);
      });
      if (!applied) anyHalted = true;
    }
    if (!endBatchPerEvent) projection.endBatch?.(db);
    if (checkpoint !== stored) {
      statement(db, 'UPDATE projection_state SET checkpoint = ? WHERE name = ?').run(String(checkpoint), projection.name);
    }
    return checkpoint;
  });
  let checkpoint: bigint;
  try {
    checkpoint = run.immediate();
  } catch (error) {
    projection.rolledBack?.(db);
    throw error;
  }
  projection.committed?.(db);
  return checkpoint;
}

/** One savepoint wrapper per file (better-sqlite3 builds a wrapper per transaction() call, and this runs per event). */
const savepoints = new WeakMap<Database.Database, (effect: () => void) => void>();

const savepointOf = (db: Database.Database) => perFile(savepoints, db, () => db.transaction((effect: () => void) => effect()));

/** Runs one event's effect in a savepoint; on failure records it, halts the event's stream and answers false. */
function applyOne(db: Database.Database, event: RecordedEvent, effect: () => void): boolean {
  try {
    savepointOf(db)(effect);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    statement(db, 'INSERT INTO projection_failures (position, event_id, event_type, error, at) VALUES (?, ?, ?, ?, ?)').run(
      String(event.position),
      event.id,
      event.type,
      message,
      // The event's own time, so a rebuild records the very same row.
      event.recordedAt.toISOString(),
    );
    statement(db, `INSERT OR IGNORE INTO ${HALTED_STREAMS_TABLE} (stream_id, position, event_id, event_type, error) VALUES (?, ?, ?, ?, ?)`).run(
      event.streamId,
      String(event.position),
      event.id,
      event.type,
      message,
    );
    return false;
  }
}

/** SQLite could not get the file (another connection holds it): nothing was committed, try again later. By code, not class (see sqlite-event-store.ts). */
function isLockError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Feeds one projection from the global log: catches up from its checkpoint, then follows live
 * appends. Events are applied in batches, each batch and the new checkpoint in one transaction.
 * An event that makes the projection throw is recorded as a failure, its stream is halted, and
 * the runner carries on with every other stream.
 */
export class ProjectionRunner {
  private subscription: EventSubscription | null = null;
  private loop: Promise<void> | null = null;
  private checkpointValue = 0n;
  private buffer: RecordedEvent[] = [];
  private flushScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private waiters: PositionWaiter[] = [];

  constructor(
    private readonly store: EventStore,
    readonly projection: Projection,
    private readonly db: Database.Database,
  ) {
    prepareProjectionFile(db, projection);
    this.checkpointValue = storedCheckpoint(db, projection.name);
  }

  get checkpoint(): bigint {
    return this.checkpointValue;
  }

  get lastFailure(): ProjectionFailure | null {
    return recordedFailures(this.db).last;
  }

  get failures(): number {
    return recordedFailures(this.db).count;
  }

  get haltedStreams(): HaltedStream[] {
    return haltedStreams(this.db).streams;
  }

  get running(): boolean {
    return this.loop !== null;
  }

  start(): void {
    if (this.loop) return;
    const subscription = this.store.subscribeToAll({ after: this.checkpointValue });
    this.subscription = subscription;
    this.loop = (async () => {
      for await (const event of subscription) {
        this.buffer.push(event);
        if (this.buffer.length >= MAX_BATCH) this.flush();
        else this.scheduleFlush();
      }
      this.flush();
    })();
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
    await this.loop;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.loop = null;
    this.subscription = null;
  }

  /** Resolves true once the projection has applied everything up to `position` (read-your-writes), false on timeout. */
  waitFor(position: bigint, timeoutMs = 5_000): Promise<boolean> {
    // Another instance on the same file may have applied it already.
    if (this.checkpointValue < position && this.db.open) {
      const stored = storedCheckpoint(this.db, this.projection.name);
      if (stored > this.checkpointValue) this.checkpointValue = stored;
    }
    if (this.checkpointValue >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push({ position, resolve: done });
    });
  }

  /** Hands pending waiters over to the runner that replaces this one (after a rebuild). */
  takeWaiters(): PositionWaiter[] {
    const waiters = this.waiters;
    this.waiters = [];
    return waiters;
  }

  adoptWaiters(waiters: readonly PositionWaiter[]): void {
    this.waiters.push(...waiters);
    this.releaseWaiters();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    try {
      const checkpoint = applyBatch(this.db, this.projection, batch);
      if (checkpoint > this.checkpointValue) this.checkpointValue = checkpoint;
    } catch {
      // Nothing of the batch was committed (e.g. the file stayed locked): keep it and try again.
      this.buffer = [...batch, ...this.buffer];
      if (!this.retryTimer && this.db.open) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.flush();
        }, RETRY_MS);
        this.retryTimer.unref();
      }
      return;
    }
    this.releaseWaiters();
  }

  private releaseWaiters(): void {
    const ready = this.waiters.filter((w) => w.position <= this.checkpointValue);
    this.waiters = this.waiters.filter((w) => w.position > this.checkpointValue);
    for (const w of ready) w.resolve();
  }
}

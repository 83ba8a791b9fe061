import { open, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { isDiskFull, type JsonObject } from '#core';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type AppendResult,
  type ChainOrigin,
  type EventStore,
  type EventSubscription,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from '../event-store.port.js';
import { sealBatch, storedSeal } from '../audit/event-seal.js';
import { EventStoreClosedError } from '../event-store-closed.error.js';
import { EventStoreFullError } from '../event-store-full.error.js';
import { expectationHolds, limitOf } from '../expectation.js';
import { CommitSignal } from './commit-signal.js';
import { toRecordedEvent, type EventRow } from './event-row.js';
import { GroupCommit, type Outcome } from './group-commit.js';
import { useWriteAheadLog } from './write-ahead-log.js';
import { migrate } from './migrations.js';
import { SqliteSubscription } from './sqlite-subscription.js';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' for throwaway use. */
  readonly filename: string;
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
  /** Most appends committed in one transaction. */
  readonly maxBatch?: number;
  /**
   * How often live subscriptions look for commits made by other processes on the same file (two
   * instances on one data directory). Commits of this process wake them at once.
   */
  readonly externalCommitPollMs?: number;
}

export interface SqliteEventStoreStats {
  /** Write transactions group commit ran (BEGIN IMMEDIATE … COMMIT, or ROLLBACK when all of it failed). */
  readonly transactions: number;
  /** Append calls those transactions answered (successful, idempotent or rejected). */
  readonly appends: number;
  /** Events written. */
  readonly events: number;
}

export interface SqliteConnectionSettings {
  readonly journalMode: string;
  /** 2 is FULL. */
  readonly synchronous: number;
  readonly foreignKeys: boolean;
  readonly busyTimeoutMs: number;
}

interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expected: ExpectedRevision;
}

interface StreamTail {
  readonly revision: bigint;
  readonly position: bigint;
  /** The audit seal of the stream's last event, which the next one chains to. */
  readonly hash: string | null;
}

/** A restored event whose seal, computed where it is written, is not the one it was exported with. */
export class RestoredSealMismatchError extends Error {
  constructor(readonly position: bigint, readonly streamId: string, readonly revision: bigint) {
    super(`The event at position ${position} (revision ${revision} of ${streamId}) does not seal to the hash it was exported with`);
    this.name = 'RestoredSealMismatchError';
  }
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_BATCH = 500;
const DEFAULT_READ_ALL_LIMIT = 1_000;
const SUBSCRIPTION_BATCH = 500;
/** One batch per subscription that may lag the others (there are three read models), and some room. */
const RECENT_READS_KEPT = 8;
const DEFAULT_EXTERNAL_COMMIT_POLL_MS = 200;
/** SQLite reads a negative LIMIT as "no limit". */
const NO_LIMIT = -1;
/** What the write probe writes beside the file: room for an append of a few pages, and more. */
const WRITE_PROBE_BYTES = 64 * 1024;

/**
 * The event store on one SQLite file. better-sqlite3 is synchronous, so every append of a loop
 * turn runs in one IMMEDIATE transaction (one fsync), each inside its own savepoint so a failed
 * expectation undoes only that append. Positions are the rowid: gap-free from 1.
 */
export class SqliteEventStore implements EventStore {
  /** Positions are the rowid, handed out without gaps. */
  readonly densePositions = true;
  private readonly db: Database.Database;
  private readonly commits = new CommitSignal();
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly groupCommit: GroupCommit<AppendRequest, AppendResult>;
  private closed = false;
  private counters = { transactions: 0, appends: 0, events: 0 };
  /** Set when an append failed for want of space; cleared by the next commit or a write probe that succeeds. */
  private full: EventStoreFullError | null = null;
  private readonly externalCommitPollMs: number;
  private externalCommitTimer: NodeJS.Timeout | null = null;
  private dataVersion: unknown = null;
  /** The last few batches subscriptions read, by the position they were read from (see readForSubscription). */
  private readonly recentReads = new Map<string, RecordedEvent[]>();

  private readonly logHeadStmt: Database.Statement;
  private readonly streamTailStmt: Database.Statement;
  private readonly eventPlaceStmt: Database.Statement;
  private readonly streamIdsFromStmt: Database.Statement;
  private readonly insertStmt: Database.Statement;
  private readonly readStreamStmt: Database.Statement;
  private readonly readAllStmt: Database.Statement;
  private readonly pingStmt: Database.Statement;
  private readonly dataVersionStmt: Database.Statement;

  /** Runs one append inside a savepoint when called within commitBatchTx. */
  private readonly appendTx: (request: AppendRequest) => AppendResult;
  private readonly commitBatchTx: Database.Transaction<(requests: readonly AppendRequest[]) => Outcome<AppendResult>[]>;
  /** A batch of one needs no savepoint: rolling back the transaction undoes exactly that append. */
  private readonly commitOneTx: Database.Transaction<(request: AppendRequest) => AppendResult>;

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.db = new Database(options.filename);
    try {
      // First, so a second process opening the file together with this one waits for its locks.
      this.db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS)}`);
      useWriteAheadLog(this.db);
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      this.db.defaultSafeIntegers(true);
      migrate(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }

    this.logHeadStmt = this.db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck();
    this.streamTailStmt = this.db.prepare(
      `SELECT revision, position, CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.hash') END AS hash
       FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1`,
    );
    this.eventPlaceStmt = this.db.prepare('SELECT stream_id, revision FROM events WHERE event_id = ?');
    this.streamIdsFromStmt = this.db.prepare(
      'SELECT event_id, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    );
    this.insertStmt = this.db.prepare(
      `INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.readStreamStmt = this.db.prepare(
      'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    );
    this.readAllStmt = this.db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
    this.pingStmt = this.db.prepare('SELECT 1').pluck();
    // Changes whenever another connection (another process) commits to the file; never for our own commits.
    this.dataVersionStmt = this.db.prepare('PRAGMA data_version').pluck();
    this.externalCommitPollMs = options.externalCommitPollMs ?? DEFAULT_EXTERNAL_COMMIT_POLL_MS;

    this.appendTx = this.db.transaction((request: AppendRequest) => this.appendInTransaction(request));
    this.commitBatchTx = this.db.transaction((requests: readonly AppendRequest[]) =>
      requests.map((request): Outcome<AppendResult> => {
        try {
          return { ok: true, value: this.appendTx(request) };
        } catch (error) {
          // SQLite rolls the whole transaction back on some errors (I/O, full disk): then nothing
          // of this batch survives and every append must fail, so abort the batch.
          if (!this.db.inTransaction) throw error;
          return { ok: false, error: this.translated(error) };
        }
      }),
    );
    this.commitOneTx = this.db.transaction((request: AppendRequest) => this.appendInTransaction(request));
    this.groupCommit = new GroupCommit((requests) => this.commitBatch(requests), options.maxBatch ?? DEFAULT_MAX_BATCH);
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(options);
  }

  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.groupCommit.submit({ streamId, events: [...events], expected });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const rows = this.readStreamStmt.all(streamId, options.fromRevision ?? 0n, limitOf(options.limit, NO_LIMIT));
    return (rows as EventRow[]).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readAfter(options.after ?? 0n, limitOf(options.limit, DEFAULT_READ_ALL_LIMIT));
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return this.logHeadStmt.get() as bigint;
  }

  subscribeToAll(options: SubscribeOptions = {}): EventSubscription {
    const subscription = new SqliteSubscription(
      (after, limit) => this.readForSubscription(after, limit),
      this.commits,
      options.after ?? 0n,
      SUBSCRIPTION_BATCH,
      (stopped) => {
        this.subscriptions.delete(stopped);
        if (this.subscriptions.size === 0) this.stopWatchingOtherProcesses();
      },
    );
    if (this.closed) subscription.stop();
    else {
      this.subscriptions.add(subscription);
      this.watchOtherProcesses();
    }
    return subscription;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.pingStmt.get();
  }

  /**
   * Writable unless an append failed for want of space. Then a probe file of 64 KiB is written
   * (and synced, and removed) beside the store's file: once the disk takes it, the store is taken
   * to be writable again, so readiness recovers without waiting for a command to succeed.
   */
  async checkWritable(): Promise<void> {
    this.assertOpen();
    const full = this.full;
    if (full === null || this.options.filename === ':memory:') return;
    const probe = join(dirname(this.options.filename), `.write-probe-${process.pid}`);
    try {
      const file = await open(probe, 'w');
      try {
        await file.write(Buffer.alloc(WRITE_PROBE_BYTES));
        await file.sync();
      } finally {
        await file.close();
      }
    } catch (error) {
      if (isDiskFull(error)) throw full;
      throw error;
    } finally {
      await unlink(probe).catch(() => undefined);
    }
    if (this.full === full) this.full = null;
  }

  /** Commits appends already queued, ends subscriptions, then closes the file. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.groupCommit.close();
    for (const subscription of [...this.subscriptions]) subscription.stop();
    this.stopWatchingOtherProcesses();
    this.db.close();
  }

  /** Counters for tests and metrics; group commit shows as transactions < appends. */
  stats(): SqliteEventStoreStats {
    return { ...this.counters };
  }

  /** The connection's pragmas as SQLite reports them now. */
  connectionSettings(): SqliteConnectionSettings {
    this.assertOpen();
    const pragma = (name: string): unknown => this.db.pragma(name, { simple: true });
    return {
      journalMode: String(pragma('journal_mode')),
      synchronous: Number(pragma('synchronous')),
      foreignKeys: Number(pragma('foreign_keys')) === 1,
      busyTimeoutMs: Number(pragma('busy_timeout')),
    };
  }

  /** Whether the upgrade that brought the hash chain sealed events already stored, and how far. */
  async chainOrigin(): Promise<ChainOrigin> {
    this.assertOpen();
    const row = this.db.prepare('SELECT sealed_to_position, events, at FROM chain_upgrades ORDER BY id DESC LIMIT 1').get() as
      | { sealed_to_position: bigint; events: bigint; at: string }
      | undefined;
    return { sealedByUpgrade: row ? { throughPosition: row.sealed_to_position, events: Number(row.events), at: row.at } : null };
  }

  /**
   * Writes exported events back exactly as they were (import into an empty store): the same
   * positions, stream revisions, ids, types, data, metadata and recorded times. Each is sealed as
   * an append seals it, chained to its stream's previous event in this file, and must come out with
   * the hash it was exported with; positions must follow the log's head and revisions each
   * stream's last. All of one call commits together, or nothing does.
   */
  restore(events: readonly RecordedEvent[]): void {
    this.assertOpen();
    this.db
      .transaction(() => {
        let head = this.logHeadStmt.get() as bigint;
        for (const event of events) {
          if (event.position <= head) throw new RangeError(`Position ${event.position} does not follow the log's head ${head}`);
          const tail = (this.streamTailStmt.get(event.streamId) as StreamTail | undefined) ?? null;
          const next = (tail?.revision ?? -1n) + 1n;
          if (event.revision !== next) throw new RangeError(`Revision ${event.revision} of ${event.streamId} does not follow its last revision (${next - 1n})`);
          const [metadata] = sealBatch(event.streamId, event.revision, tail?.hash ?? null, [event]) as [JsonObject];
          if (metadata['hash'] !== storedSeal(event.metadata).hash) throw new RestoredSealMismatchError(event.position, event.streamId, event.revision);
          try {
            this.insertStmt.run(event.position, event.id, event.streamId, event.revision, event.type, JSON.stringify(event.data), JSON.stringify(metadata), event.recordedAt.toISOString());
          } catch (error) {
            if (isEventIdConflict(error)) throw new DuplicateEventIdError(event.id);
            throw error;
          }
          head = event.position;
        }
        this.counters.events += events.length;
      })
      .immediate();
    this.commits.notify();
  }

  /** A full disk in the port's words (and remembered for checkWritable); anything else as it is. */
  private translated(error: unknown): unknown {
    if (!isDiskFull(error)) return error;
    this.full = new EventStoreFullError({ cause: error });
    return this.full;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }

  /**
   * While anyone subscribes, polls `PRAGMA data_version` (a read of the connection's own state, no
   * I/O beyond the WAL index) and wakes subscribers when another process has committed. A commit
   * that lands between a subscriber's empty read and its wait still changes the version the next
   * poll compares with, so it is never missed, only noticed one poll later.
   */
  private watchOtherProcesses(): void {
    if (this.externalCommitTimer !== null || this.externalCommitPollMs <= 0) return;
    this.dataVersion = this.dataVersionStmt.get();
    this.externalCommitTimer = setInterval(() => {
      if (this.closed) return;
      const version = this.dataVersionStmt.get();
      if (version === this.dataVersion) return;
      this.dataVersion = version;
      this.commits.notify();
    }, this.externalCommitPollMs);
    this.externalCommitTimer.unref();
  }

  private stopWatchingOtherProcesses(): void {
    if (this.externalCommitTimer !== null) clearInterval(this.externalCommitTimer);
    this.externalCommitTimer = null;
  }

  private readAfter(after: bigint, limit: number): RecordedEvent[] {
    return (this.readAllStmt.all(after, limit) as EventRow[]).map(toRecordedEvent);
  }

  /**
   * The read models' subscriptions follow the log together, so each batch would be read and
   * parsed once per subscription. The log is append-only and positions are dense, so a batch
   * read from a position stays a true answer for that position: the next subscription asking
   * from it gets the same batch (it then reads on from the batch's end). Empty reads are not kept.
   */
  private readForSubscription(after: bigint, limit: number): RecordedEvent[] {
    const key = `${after}:${limit}`;
    const known = this.recentReads.get(key);
    if (known !== undefined) return known;
    const events = this.readAfter(after, limit);
    if (events.length > 0) {
      if (this.recentReads.size >= RECENT_READS_KEPT) this.recentReads.delete(this.recentReads.keys().next().value as string);
      this.recentReads.set(key, events);
    }
    return events;
  }

  private commitBatch(requests: readonly AppendRequest[]): Outcome<AppendResult>[] {
    const eventsBefore = this.counters.events;
    this.counters.transactions += 1;
    this.counters.appends += requests.length;
    let outcomes: Outcome<AppendResult>[];
    try {
      const [only] = requests;
      outcomes =
        requests.length === 1 && only !== undefined
          ? [{ ok: true, value: this.commitOneTx.immediate(only) }]
          : this.commitBatchTx.immediate(requests);
    } catch (error) {
      // Rolled back: nothing of this batch was written, and GroupCommit rejects all of it.
      this.counters.events = eventsBefore;
      throw this.translated(error);
    }
    if (this.counters.events !== eventsBefore) {
      // Rows were committed, so the disk took them.
      this.full = null;
      // After COMMIT, so a woken subscriber's read sees the new rows.
      this.commits.notify();
    }
    return outcomes;
  }

  /** One append, inside its savepoint: idempotency first (as ESDB), then the expectation, then writes. */
  private appendInTransaction({ streamId, events, expected }: AppendRequest): AppendResult {
    const first = events[0];
    if (first !== undefined) {
      const retried = this.originalResultOfRetry(streamId, events, first);
      if (retried !== null) return retried;
    }

    const tail = (this.streamTailStmt.get(streamId) as StreamTail | undefined) ?? null;
    const actual = tail?.revision ?? null;
    if (!expectationHolds(expected, actual)) throw new WrongExpectedRevisionError(streamId, expected, actual);
    // Nothing to write: answer the stream's current state (-1n / 0n for a stream that does not exist).
    if (first === undefined) return { nextExpectedRevision: actual ?? -1n, position: tail?.position ?? 0n };

    const recordedAt = new Date().toISOString();
    let position = this.logHeadStmt.get() as bigint;
    let revision = actual ?? -1n;
    // Sealed here, inside the transaction, from the stream's last seal as the file holds it.
    const sealed = sealBatch(streamId, revision + 1n, tail?.hash ?? null, events);
    for (const [i, event] of events.entries()) {
      position += 1n;
      revision += 1n;
      const metadata = sealed[i] as JsonObject;
      try {
        this.insertStmt.run(
          position,
          event.id,
          streamId,
          revision,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(metadata),
          recordedAt,
        );
      } catch (error) {
        if (isEventIdConflict(error)) throw new DuplicateEventIdError(event.id);
        throw error;
      }
    }
    this.counters.events += events.length;
    return { nextExpectedRevision: revision, position };
  }

  /**
   * ESDB's idempotency: when the first id is already in this stream and the whole batch lies there
   * at consecutive revisions, the append already happened, so answer its result and write nothing,
   * whatever the expectation now says. Any other overlap with stored ids is a conflict.
   */
  private originalResultOfRetry(streamId: string, events: readonly EventToAppend[], first: EventToAppend): AppendResult | null {
    const place = this.eventPlaceStmt.get(first.id) as { stream_id: string; revision: bigint } | undefined;
    if (place === undefined) return null;
    if (place.stream_id !== streamId) throw new DuplicateEventIdError(first.id);
    const stored = this.streamIdsFromStmt.all(streamId, place.revision, events.length) as {
      event_id: string;
      position: bigint;
    }[];
    const last = stored[events.length - 1];
    if (last === undefined || events.some((event, i) => stored[i]?.event_id !== event.id)) {
      throw new DuplicateEventIdError(first.id);
    }
    return { nextExpectedRevision: place.revision + BigInt(events.length) - 1n, position: last.position };
  }
}

/**
 * By code and message, not `instanceof`: the native addon keeps the SqliteError class of the first
 * copy of better-sqlite3 loaded in the process, so where modules are loaded more than once (jest's
 * per-file registries) the class check can fail at random.
 */
function isEventIdConflict(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id');
}

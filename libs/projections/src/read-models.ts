import type Database from 'better-sqlite3';
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStore } from '#event-store';
import { DataDirRegistration } from './data-dir-users.js';
import { type Projection } from './projection.js';
import {
  applyBatch,
  type HaltedStream,
  haltedStreams,
  prepareProjectionFile,
  ProjectionRunner,
  recordedFailures,
  storedCheckpoint,
  type ProjectionFailure,
} from './projection-runner.js';
import { openReadModelFile } from './read-model-file.js';

/** What /metrics and /health show per projection. */
export interface ProjectionStatus {
  readonly name: string;
  /** Last log position applied. */
  readonly checkpoint: bigint;
  /** Last position in the log. */
  readonly head: bigint;
  /** Positions behind the log. */
  readonly lag: bigint;
  readonly failures: number;
  readonly lastFailure: ProjectionFailure | null;
  /** Streams whose later events are not applied until a rebuild (the first few, and how many). */
  readonly haltedStreams: HaltedStream[];
  readonly haltedStreamCount: number;
  readonly rebuilding: boolean;
}

export interface RebuildProgress {
  readonly name: string;
  readonly position: bigint;
  readonly head: bigint;
}

export interface RebuildResult {
  readonly name: string;
  /** The checkpoint of the fresh file when it was swapped in. */
  readonly position: bigint;
  readonly events: number;
  readonly failures: number;
  /** Streams the fresh file halted: the cause of their failure is still there. */
  readonly haltedStreams: number;
  readonly milliseconds: number;
}

interface Entry {
  readonly projection: Projection;
  db: Database.Database;
  runner: ProjectionRunner;
}

const REBUILD_BATCH = 1_000;

const removeDatabaseFiles = (file: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
};

/** True when the file was written by another version of the projection: its tables mean something else. */
function isStale(db: Database.Database, projection: Projection): boolean {
  const row = db.prepare('SELECT version FROM projection_state WHERE name = ?').get(projection.name) as { version: number } | undefined;
  return row !== undefined && row.version !== projection.version;
}

/** Every projection with its own file and runner, under one data directory (null: in memory). */
export class ReadModels {
  private readonly entries = new Map<string, Entry>();
  private readonly rebuilding = new Set<string>();
  private started = false;
  /** This process's mark in the data directory, so a CLI rebuild knows the files are open here. */
  private readonly registration: DataDirRegistration | null;

  constructor(
    private readonly store: EventStore,
    private readonly dataDir: string | null,
    projections: readonly Projection[],
  ) {
    this.registration = dataDir ? DataDirRegistration.register(dataDir) : null;
    try {
      for (const projection of projections) {
        const db = this.open(projection);
        this.entries.set(projection.name, { projection, db, runner: new ProjectionRunner(store, projection, db) });
      }
    } catch (error) {
      this.registration?.release();
      throw error;
    }
  }

  /** The projection's live database. Read it through a function (`() => readModels.db(name)`): a rebuild swaps it. */
  db(name: string): Database.Database {
    return this.entry(name).db;
  }

  get names(): string[] {
    return [...this.entries.keys()];
  }

  get runners(): ProjectionRunner[] {
    return [...this.entries.values()].map((e) => e.runner);
  }

  start(): void {
    this.started = true;
    for (const runner of this.runners) runner.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all(this.runners.map((r) => r.stop()));
    for (const { db } of this.entries.values()) if (db.open) db.close();
    this.registration?.release();
  }

  /**
   * For a rebuild from the command line: refuses (DataDirInUseError, naming them) while another
   * process has these read models open, since it would go on reading the files the rebuild
   * replaces; then keeps any other process from opening them until this one stops.
   */
  claimForRebuild(): void {
    this.registration?.claimExclusive();
  }

  /**
   * Read-your-writes: wait until the read models (all, or those named) reflect at least this log
   * position. Answers false when the wait timed out.
   */
  async waitFor(position: bigint, timeoutMs?: number, names?: readonly string[]): Promise<boolean> {
    const runners = names ? names.map((n) => this.entry(n).runner) : this.runners;
    const results = await Promise.all(runners.map((r) => r.waitFor(position, timeoutMs)));
    return results.every(Boolean);
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    return [...this.entries.values()].map(({ projection, db }) => {
      const checkpoint = storedCheckpoint(db, projection.name);
      const failures = recordedFailures(db);
      const halted = haltedStreams(db);
      return {
        name: projection.name,
        checkpoint,
        head,
        lag: head > checkpoint ? head - checkpoint : 0n,
        failures: failures.count,
        lastFailure: failures.last,
        haltedStreams: halted.streams,
        haltedStreamCount: halted.count,
        rebuilding: this.rebuilding.has(projection.name),
      };
    });
  }

  /**
   * Builds the projection again from position 0 into a fresh file (`<name>.rebuild.sqlite`) while
   * the live one keeps answering, then swaps it in: stop the live runner, close both, rename the
   * fresh file over the live one, reopen, restart. The new runner catches up whatever was appended
   * meanwhile. Another process holding the file open would keep reading the old inode until it
   * restarts, so a rebuild from outside the server first claims the directory (claimForRebuild).
   */
  async rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildResult> {
    const entry = this.entry(name);
    if (this.rebuilding.has(name)) throw new Error(`Projection ${name} is already being rebuilt`);
    this.rebuilding.add(name);
    const started = performance.now();
    const { projection } = entry;
    const freshFile = this.dataDir ? join(this.dataDir, `${name}.rebuild.sqlite`) : ':memory:';
    let fresh: Database.Database | null = null;
    try {
      if (this.dataDir) removeDatabaseFiles(freshFile);
      fresh = openReadModelFile(freshFile);
      prepareProjectionFile(fresh, projection);
      let checkpoint = 0n;
      let head = await this.store.headPosition();
      let events = 0;
      onProgress?.({ name, position: 0n, head });
      for (;;) {
        const batch = await this.store.readAll({ after: checkpoint, limit: REBUILD_BATCH });
        if (batch.length === 0) break;
        checkpoint = applyBatch(fresh, projection, batch);
        events += batch.length;
        if (checkpoint > head) head = checkpoint;
        onProgress?.({ name, position: checkpoint, head });
      }
      const failures = recordedFailures(fresh).count;
      const halted = haltedStreams(fresh, 0).count;

      // The swap. Everything after stop() is synchronous, so no query sees a closed handle.
      const wasRunning = entry.runner.running || this.started;
      await entry.runner.stop();
      const waiters = entry.runner.takeWaiters();
      let db: Database.Database;
      if (this.dataDir) {
        const liveFile = this.fileOf(projection);
        fresh.close();
        entry.db.close();
        for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${liveFile}${suffix}`, { force: true });
        renameSync(freshFile, liveFile);
        removeDatabaseFiles(freshFile);
        db = openReadModelFile(liveFile);
      } else {
        entry.db.close();
        db = fresh;
      }
      fresh = null;
      const runner = new ProjectionRunner(this.store, projection, db);
      runner.adoptWaiters(waiters);
      entry.db = db;
      entry.runner = runner;
      if (wasRunning) runner.start();
      return { name, position: checkpoint, events, failures, haltedStreams: halted, milliseconds: Math.round(performance.now() - started) };
    } finally {
      if (fresh?.open) {
        fresh.close();
        if (this.dataDir) removeDatabaseFiles(freshFile);
      }
      this.rebuilding.delete(name);
    }
  }

  private entry(name: string): Entry {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`No read model named ${name}`);
    return entry;
  }

  private fileOf(projection: Projection): string {
    return this.dataDir ? join(this.dataDir, `${projection.name}.sqlite`) : ':memory:';
  }

  /** Opens the projection's file; one written by another version is thrown away and built again from the log. */
  private open(projection: Projection): Database.Database {
    const file = this.fileOf(projection);
    const db = openReadModelFile(file);
    if (!this.dataDir || !isStale(db, projection)) return db;
    db.close();
    removeDatabaseFiles(file);
    return openReadModelFile(file);
  }
}

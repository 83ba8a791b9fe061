import type Database from 'better-sqlite3';
import { type EventStore, type EventSubscription, type RecordedEvent } from '#event-store';
import { type Projection } from './projection.js';

export interface ProjectionFailure {
  readonly position: bigint;
  readonly eventId: string;
  readonly eventType: string;
  readonly error: string;
}

const MAX_BATCH = 500;

/**
 * Feeds one projection from the global log: catches up from its checkpoint, then follows live
 * appends. Events are applied in batches, each batch and the new checkpoint in one transaction.
 * An event that makes the projection throw is recorded as a failure and the runner carries on.
 */
export class ProjectionRunner {
  private subscription: EventSubscription | null = null;
  private loop: Promise<void> | null = null;
  private checkpointValue = 0n;
  private buffer: RecordedEvent[] = [];
  private flushScheduled = false;
  private waiters: { position: bigint; resolve: () => void }[] = [];
  private lastFailureValue: ProjectionFailure | null = null;
  private failureCount = 0;

  constructor(
    private readonly store: EventStore,
    readonly projection: Projection,
    private readonly db: Database.Database,
  ) {
    this.prepare();
  }

  get checkpoint(): bigint {
    return this.checkpointValue;
  }

  get lastFailure(): ProjectionFailure | null {
    return this.lastFailureValue;
  }

  get failures(): number {
    return this.failureCount;
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
    this.loop = null;
    this.subscription = null;
  }

  /** Resolves once the projection has applied everything up to `position` (read-your-writes). */
  waitFor(position: bigint, timeoutMs = 5_000): Promise<boolean> {
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

  private prepare(): void {
    const row = this.db.prepare('SELECT version, checkpoint FROM projection_state WHERE name = ?').get(this.projection.name) as
      | { version: number; checkpoint: string }
      | undefined;
    if (row && row.version !== this.projection.version) {
      throw new Error(
        `Projection ${this.projection.name} is at version ${row.version} but the code is at ${this.projection.version}: rebuild it`,
      );
    }
    this.projection.createTables(this.db);
    if (!row) {
      this.db
        .prepare('INSERT INTO projection_state (name, version, checkpoint) VALUES (?, ?, ?)')
        .run(this.projection.name, this.projection.version, '0');
    }
    this.checkpointValue = BigInt(row?.checkpoint ?? '0');
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
    const last = batch[batch.length - 1]!.position;
    const applyAll = this.db.transaction(() => {
      for (const event of batch) this.applyOne(event);
      this.db
        .prepare('UPDATE projection_state SET checkpoint = ? WHERE name = ?')
        .run(String(last), this.projection.name);
    });
    applyAll();
    this.checkpointValue = last;
    const ready = this.waiters.filter((w) => w.position <= last);
    this.waiters = this.waiters.filter((w) => w.position > last);
    for (const w of ready) w.resolve();
  }

  /** One event in its own savepoint, so a failure undoes only that event's partial effect. */
  private applyOne(event: RecordedEvent): void {
    const single = this.db.transaction(() => this.projection.apply(this.db, event));
    try {
      single();
    } catch (error) {
      const failure = {
        position: event.position,
        eventId: event.id,
        eventType: event.type,
        error: error instanceof Error ? error.message : String(error),
      };
      this.lastFailureValue = failure;
      this.failureCount++;
      this.db
        .prepare('INSERT INTO projection_failures (position, event_id, event_type, error, at) VALUES (?, ?, ?, ?, ?)')
        .run(String(failure.position), failure.eventId, failure.eventType, failure.error, event.recordedAt.toISOString());
    }
  }
}

import type Database from 'better-sqlite3';
import { type RecordedEvent } from '#event-store';

/**
 * A read model built only from the log. It owns one SQLite file: its tables and its checkpoint
 * commit together, so each event takes effect exactly once, and a rebuild is a fresh file.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the tables or the meaning of apply change: the runner then rebuilds from zero. */
  readonly version: number;
  createTables(db: Database.Database): void;
  /**
   * False for an event `apply` would do nothing with: the runner passes it by (its checkpoint
   * still moves) without opening a savepoint for it. Absent: every event is applied.
   */
  accepts?(event: RecordedEvent): boolean;
  /** Runs inside the runner's transaction; must not do I/O outside `db`. */
  apply(db: Database.Database, event: RecordedEvent): void;
  /**
   * Runs once after the last event of a batch, inside the same transaction: a projection that
   * stages its changes in apply (to write each touched row once per batch) writes them here.
   */
  endBatch?(db: Database.Database): void;
  /** After the runner's transaction committed, or did not: for what a projection keeps between batches. */
  committed?(db: Database.Database): void;
  rolledBack?(db: Database.Database): void;
}

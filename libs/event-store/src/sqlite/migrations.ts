import type Database from 'better-sqlite3';
import { sealUnsealedEvents } from './chain-upgrade.js';

/** A step of the schema: SQL, or work that needs code (sealing the events already stored). */
type Migration = string | ((db: Database.Database) => void);

/**
 * Schema history, applied in order; `PRAGMA user_version` records how many have run. Append new
 * entries only; never edit one that has shipped.
 */
const MIGRATIONS: readonly Migration[] = [
  // 1: the log. position is the rowid, so reading the global order is a primary-key range scan;
  // UNIQUE(stream_id, revision) is both the optimistic-concurrency guard and the stream index.
  `CREATE TABLE events (
     position    INTEGER PRIMARY KEY CHECK (position > 0),
     event_id    TEXT    NOT NULL UNIQUE,
     stream_id   TEXT    NOT NULL,
     revision    INTEGER NOT NULL CHECK (revision >= 0),
     type        TEXT    NOT NULL,
     data        TEXT    NOT NULL,
     metadata    TEXT    NOT NULL,
     recorded_at TEXT    NOT NULL,
     UNIQUE (stream_id, revision)
   ) STRICT`,
  // 2: the audit hash chain. Events appended from now on are sealed as they are written; those
  // already here are sealed once, now, and the upgrade is recorded, so `verify` can say from which
  // position the seals were made when the events were written.
  `CREATE TABLE chain_upgrades (
     id                  INTEGER PRIMARY KEY,
     sealed_to_position  INTEGER NOT NULL,
     events              INTEGER NOT NULL,
     at                  TEXT    NOT NULL
   ) STRICT`,
  sealUnsealedEvents,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file up to SCHEMA_VERSION under the write lock, so two processes cannot both migrate;
 * each step runs once (user_version moves past it in the same transaction), so a migration is
 * idempotent however often the store is opened.
 */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    const current = Number(db.pragma('user_version', { simple: true }));
    if (current > SCHEMA_VERSION) {
      throw new Error(`Event store schema version ${current} is newer than this build understands (${SCHEMA_VERSION})`);
    }
    for (const step of MIGRATIONS.slice(current)) {
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    if (current !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

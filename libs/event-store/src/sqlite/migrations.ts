import type Database from 'better-sqlite3';

/**
 * Schema history, applied in order; `PRAGMA user_version` records how many have run. Append new
 * entries only; never edit one that has shipped.
 */
const MIGRATIONS: readonly string[] = [
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
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the file up to SCHEMA_VERSION under the write lock, so two processes cannot both migrate. */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    const current = Number(db.pragma('user_version', { simple: true }));
    if (current > SCHEMA_VERSION) {
      throw new Error(`Event store schema version ${current} is newer than this build understands (${SCHEMA_VERSION})`);
    }
    for (const sql of MIGRATIONS.slice(current)) db.exec(sql);
    if (current !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

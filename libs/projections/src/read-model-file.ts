import type Database from 'better-sqlite3';
import { openCacheDatabase } from '#event-store';

/**
 * Opens a read-model database. Read models can always be rebuilt from the log, so they trade
 * FULL fsyncs for speed (WAL + NORMAL still survives a process crash intact).
 */
export function openReadModelFile(filename: string): Database.Database {
  const db = openCacheDatabase(filename);
  db.defaultSafeIntegers(false);
  db.exec(`CREATE TABLE IF NOT EXISTS projection_state (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    checkpoint TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS projection_failures (
    id INTEGER PRIMARY KEY,
    position TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    error TEXT NOT NULL,
    at TEXT NOT NULL
  );`);
  return db;
}

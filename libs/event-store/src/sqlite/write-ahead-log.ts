import Database from 'better-sqlite3';

const ATTEMPTS = 50;
const PAUSE_MS = 20;

/**
 * Puts the file in WAL mode. Two processes opening a fresh file in the same instant both hold a
 * shared lock while converting it, and SQLite answers one of them SQLITE_BUSY at once (to avoid a
 * deadlock) rather than through the busy timeout; the loser waits a moment and asks again, by
 * which time the file is already in WAL mode and the pragma needs no lock.
 */
export function useWriteAheadLog(db: Database.Database): void {
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt === ATTEMPTS) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, PAUSE_MS);
    }
  }
}

/**
 * Opens a WAL file that can be rebuilt or lost without harm (read models, HTTP replay records,
 * sessions): synchronous=NORMAL. The busy timeout comes first, so instances opening one data dir
 * together wait for each other's locks rather than failing.
 */
export function openCacheDatabase(filename: string): Database.Database {
  const db = new Database(filename);
  db.pragma('busy_timeout = 5000');
  useWriteAheadLog(db);
  db.pragma('synchronous = NORMAL');
  return db;
}

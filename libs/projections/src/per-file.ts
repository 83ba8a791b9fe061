import type Database from 'better-sqlite3';
import { statement } from './statement-cache.js';

/**
 * What a projection keeps for one open file (staged rows, states kept between batches, a
 * savepoint wrapper): made on first use, and let go with the connection (a rebuild swaps it).
 */
export function perFile<T>(values: WeakMap<Database.Database, T>, db: Database.Database, create: () => T): T {
  let value = values.get(db);
  if (value === undefined) {
    value = create();
    values.set(db, value);
  }
  return value;
}

/**
 * SQLite's data_version of the file as this connection sees it: it changes when another
 * connection (another process, another instance) commits, never for this connection's own commits.
 */
export function dataVersion(db: Database.Database): unknown {
  return statement(db, 'PRAGMA data_version').pluck().get();
}

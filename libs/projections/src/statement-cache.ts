import type Database from 'better-sqlite3';

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A statement prepared once per open file: projections run the same few per event of the whole log. */
export function statement(db: Database.Database, text: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let prepared = cache.get(text);
  if (!prepared) {
    prepared = db.prepare(text);
    cache.set(text, prepared);
  }
  return prepared;
}

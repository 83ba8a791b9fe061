import type Database from 'better-sqlite3';

/**
 * Every table of a read-model file (and its schema), each as one string: rows as JSON arrays in
 * the order of all their columns. Two files hold the same read model when these are equal.
 */
export function dumpTables(db: Database.Database): Record<string, string> {
  const dump: Record<string, string> = {};
  const schema = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .raw()
    .all() as unknown[][];
  dump['(schema)'] = schema.map((r) => JSON.stringify(r)).join('\n');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const table of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => `"${c.name}"`);
    const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`).raw().all() as unknown[][];
    dump[table] = rows.map((r) => JSON.stringify(r)).join('\n');
  }
  return dump;
}

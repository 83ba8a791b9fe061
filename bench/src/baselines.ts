import Database from 'better-sqlite3';
import { join } from 'node:path';
import { median } from './stats.js';

/*
 * Raw better-sqlite3 on the same disk, in the same run: what the hardware and SQLite give with
 * nothing of ours in the way. Rows look like our events (a uuid, a stream, a type, ~300 bytes of JSON).
 */

export interface RawBaselines {
  /** One INSERT per FULL-synchronous transaction (one fsync each). */
  readonly fullInsertsPerSecond: number;
  /** 64 INSERTs per FULL transaction (what group commit can reach). */
  readonly batchedInsertsPerSecond: number;
  /** Reading one 1,000-row stream by its index, ms (median). */
  readonly readStreamMs: number;
  /** Scanning the whole table in position order, rows/s. */
  readonly scanRowsPerSecond: number;
}

function openRaw(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT UNIQUE, stream_id TEXT, revision INTEGER, type TEXT, data TEXT);
           CREATE UNIQUE INDEX by_stream ON events (stream_id, revision);`);
  return db;
}

const row = (i: number) => [crypto.randomUUID(), `s-${i % 100}`, Math.floor(i / 100), 'NoteAdded', JSON.stringify({ i, text: 'x'.repeat(250) })] as const;

export function measureRawBaselines(dir: string, quick: boolean): RawBaselines {
  const single = quick ? 1_500 : 4_000;
  const db = openRaw(join(dir, 'raw.sqlite'));
  const insert = db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data) VALUES (?, ?, ?, ?, ?)');
  let t = performance.now();
  for (let i = 0; i < single; i++) insert.run(...row(i));
  const fullInsertsPerSecond = single / ((performance.now() - t) / 1000);

  const batch = 64;
  const batches = quick ? 150 : 400;
  const many = db.transaction((from: number) => {
    for (let i = from; i < from + batch; i++) insert.run(...row(i));
  });
  t = performance.now();
  for (let b = 0; b < batches; b++) many(single + b * batch);
  const batchedInsertsPerSecond = (batches * batch) / ((performance.now() - t) / 1000);

  // One stream of 1,000 rows among the others, then its read by index.
  const stream = db.transaction(() => {
    for (let r = 0; r < 1_000; r++) insert.run(crypto.randomUUID(), 'the-long-stream', r, 'NoteAdded', JSON.stringify({ r, text: 'x'.repeat(250) }));
  });
  stream();
  const read = db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision >= 0 ORDER BY revision');
  const times: number[] = [];
  for (let round = 0; round < 9; round++) {
    t = performance.now();
    read.all('the-long-stream');
    times.push(performance.now() - t);
  }

  const scan = db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT 5000');
  t = performance.now();
  let rows = 0;
  for (let after = 0; ; ) {
    const page = scan.all(after) as { position: number }[];
    if (page.length === 0) break;
    rows += page.length;
    after = page[page.length - 1]!.position;
  }
  const scanRowsPerSecond = rows / ((performance.now() - t) / 1000);
  db.close();
  return { fullInsertsPerSecond, batchedInsertsPerSecond, readStreamMs: median(times), scanRowsPerSecond };
}

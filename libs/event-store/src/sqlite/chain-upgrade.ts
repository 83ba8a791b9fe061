import type Database from 'better-sqlite3';
import { type JsonObject } from '#core';
import { sealedMetadata } from '../audit/event-seal.js';

const PAGE = 1_000;

interface Row {
  readonly position: bigint;
  readonly stream_id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/**
 * The upgrade that brought the audit hash chain (schema 2), run once inside the migration's
 * transaction: seals every event already stored, in log order, each chained to the one before it
 * in its stream, exactly as the append path seals new ones, and records how far it sealed and
 * when. An event whose bytes no longer parse is left as it is (verify reports it). Nothing but the
 * seal is added to any event.
 */
export function sealUnsealedEvents(db: Database.Database): void {
  const page = db.prepare('SELECT position, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?').safeIntegers(true);
  const update = db.prepare('UPDATE events SET metadata = ? WHERE position = ?');
  const previous = new Map<string, string | null>();
  let after = 0n;
  let sealed = 0;
  for (;;) {
    const rows = page.all(after, PAGE) as Row[];
    const last = rows.at(-1);
    if (last === undefined) break;
    for (const row of rows) {
      const content = parse(row);
      if (content === null) continue;
      const metadata = sealedMetadata({ streamId: row.stream_id, revision: row.revision, type: row.type, ...content }, previous.get(row.stream_id) ?? null);
      previous.set(row.stream_id, metadata['hash'] as string);
      update.run(JSON.stringify(metadata), row.position);
      sealed += 1;
    }
    after = last.position;
  }
  if (after > 0n) db.prepare('INSERT INTO chain_upgrades (sealed_to_position, events, at) VALUES (?, ?, ?)').run(after, sealed, new Date().toISOString());
}

function parse(row: Row): { data: JsonObject; metadata: JsonObject } | null {
  try {
    return { data: JSON.parse(row.data) as JsonObject, metadata: JSON.parse(row.metadata) as JsonObject };
  } catch {
    return null;
  }
}

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sealBatch } from '../audit/event-seal.js';
import { verifyStore } from '../audit/verify-store.js';
import { type EventToAppend } from '../event-store.port.js';
import { SqliteEventStore } from './sqlite-event-store.js';

/*
 * Issue 11: someone with the SQLite file changes an event's stored bytes, removes one, reorders two
 * or inserts one; verify names exactly that event (and how), and nothing else.
 */

const STREAMS = ['dispute-a', 'dispute-b', 'dispute-c'];
const PER_STREAM = 6;

const event = (stream: string, n: number): EventToAppend => ({
  id: randomUUID(),
  type: `Step${n}`,
  data: { stream, n, text: `event ${n} of ${stream}, with Zoë's note` },
  metadata: { actor: { personId: 'p-1', role: 'secretariat' }, occurredAt: `2026-03-0${1 + n}T10:00:00.000Z` },
});

interface Row {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

describe('tamper evidence in the SQLite file', () => {
  let dir: string;
  let file: string;

  /** Three streams interleaved in the log, written two events an append. */
  async function writeLog(): Promise<void> {
    dir = await mkdtemp(join(tmpdir(), 'tamper-'));
    file = join(dir, 'events.sqlite');
    const store = SqliteEventStore.open({ filename: file });
    for (let n = 0; n < PER_STREAM; n += 2) {
      for (const stream of STREAMS) await store.append(stream, [event(stream, n), event(stream, n + 1)], n === 0 ? 'no_stream' : BigInt(n - 1));
    }
    await store.close();
  }

  beforeEach(writeLog);
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Edits the file behind the store's back, as someone with the file would. */
  function tamper(edit: (db: Database.Database, rowOf: (stream: string, revision: number) => Row) => void): void {
    const db = new Database(file);
    try {
      const rowOf = (stream: string, revision: number) => db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision = ?').get(stream, revision) as Row;
      db.transaction(() => edit(db, rowOf))();
    } finally {
      db.close();
    }
  }

  async function verify() {
    const store = SqliteEventStore.open({ filename: file });
    try {
      return await verifyStore(store);
    } finally {
      await store.close();
    }
  }

  const named = (failures: Awaited<ReturnType<typeof verify>>['failures']) =>
    failures.map(({ kind, streamId, revision, position, eventId }) => ({ kind, streamId, revision, position, eventId }));

  it('finds nothing wrong in a log nobody touched, and counts its streams and events', async () => {
    const report = await verify();
    expect(report).toMatchObject({ ok: true, streams: 3, events: 18, failures: [] });
  });

  it('names the event whose data changed by one character', async () => {
    let changed!: Row;
    tamper((db, rowOf) => {
      changed = rowOf('dispute-b', 3);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(changed.data.replace('event 3', 'event 8'), changed.position);
    });
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(named(report.failures)).toEqual([{ kind: 'changed', streamId: 'dispute-b', revision: 3n, position: BigInt(changed.position), eventId: changed.event_id }]);
  });

  it('names the event whose data no longer parses as JSON after one byte changed', async () => {
    let changed!: Row;
    tamper((db, rowOf) => {
      changed = rowOf('dispute-c', 2);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(changed.data.replace('{"stream"', '{"stream\''), changed.position);
    });
    const report = await verify();
    expect(named(report.failures)).toEqual([{ kind: 'changed', streamId: 'dispute-c', revision: 2n, position: BigInt(changed.position), eventId: changed.event_id }]);
    expect(report.failures[0]?.detail).toContain('no longer readable JSON');
  });

  it('names the event whose type or metadata changed', async () => {
    let retyped!: Row;
    let reattributed!: Row;
    tamper((db, rowOf) => {
      retyped = rowOf('dispute-a', 1);
      reattributed = rowOf('dispute-c', 4);
      db.prepare('UPDATE events SET type = ? WHERE position = ?').run('Step9', retyped.position);
      db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(reattributed.metadata.replace('"secretariat"', '"chair"'), reattributed.position);
    });
    const inLogOrder = [retyped, reattributed].sort((a, b) => a.position - b.position);
    expect(named((await verify()).failures).map((f) => [f.kind, f.eventId])).toEqual(inLogOrder.map((row) => ['changed', row.event_id]));
  });

  it('names a removed event by its stream, revision and position', async () => {
    let removed!: Row;
    tamper((db, rowOf) => {
      removed = rowOf('dispute-a', 2);
      db.prepare('DELETE FROM events WHERE position = ?').run(removed.position);
    });
    const report = await verify();
    expect(named(report.failures)).toEqual([{ kind: 'removed', streamId: 'dispute-a', revision: 2n, position: BigInt(removed.position), eventId: null }]);
  });

  it('names a removed event when the later ones were renumbered to hide the gap', async () => {
    let removed!: Row;
    tamper((db, rowOf) => {
      removed = rowOf('dispute-b', 1);
      db.prepare('DELETE FROM events WHERE position = ?').run(removed.position);
      for (let r = 2; r < PER_STREAM; r++) db.prepare('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?').run(r - 1, 'dispute-b', r);
    });
    expect(named((await verify()).failures)).toEqual([{ kind: 'removed', streamId: 'dispute-b', revision: 1n, position: BigInt(removed.position), eventId: null }]);
  });

  it('names both events of a stream whose places were swapped', async () => {
    let first!: Row;
    let second!: Row;
    tamper((db, rowOf) => {
      first = rowOf('dispute-c', 3);
      second = rowOf('dispute-c', 4);
      const move = db.prepare('UPDATE events SET event_id = ?, type = ?, data = ?, metadata = ?, recorded_at = ? WHERE position = ?');
      move.run(`${first.event_id}-moving`, first.type, first.data, first.metadata, first.recorded_at, first.position);
      move.run(first.event_id, second.type, second.data, second.metadata, second.recorded_at, first.position);
      move.run(second.event_id, first.type, first.data, first.metadata, first.recorded_at, second.position);
    });
    const failures = named((await verify()).failures);
    // Now second's event stands at revision 3, first's at revision 4.
    expect(failures).toEqual([
      { kind: 'reordered', streamId: 'dispute-c', revision: 3n, position: BigInt(first.position), eventId: first.event_id },
      { kind: 'reordered', streamId: 'dispute-c', revision: 4n, position: BigInt(second.position), eventId: second.event_id },
    ]);
  });

  it('names both events whose revisions were exchanged, their positions left as they were', async () => {
    let first!: Row;
    let second!: Row;
    tamper((db, rowOf) => {
      first = rowOf('dispute-a', 4);
      second = rowOf('dispute-a', 5);
      const renumber = db.prepare('UPDATE events SET revision = ? WHERE position = ?');
      renumber.run(99, first.position);
      renumber.run(4, second.position);
      renumber.run(5, first.position);
    });
    expect(named((await verify()).failures).map((f) => [f.kind, f.eventId]).sort()).toEqual(
      [
        ['reordered', first.event_id],
        ['reordered', second.event_id],
      ].sort(),
    );
  });

  it('names an inserted event, the later ones renumbered to make room, whatever seal it was given', async () => {
    for (const forgery of ['copied seal', 'valid seal'] as const) {
      await rm(dir, { recursive: true, force: true });
      await writeLog();
      let forged!: string;
      tamper((db, rowOf) => {
        const before = rowOf('dispute-b', 1);
        for (let r = PER_STREAM - 1; r >= 2; r--) db.prepare('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?').run(r + 1, 'dispute-b', r);
        forged = randomUUID();
        const data = { stream: 'dispute-b', n: 99, text: 'an event that never happened' };
        const baseMetadata = JSON.parse(before.metadata) as { hash: string };
        const metadata =
          forgery === 'copied seal'
            ? baseMetadata
            : sealBatch('dispute-b', 2n, baseMetadata.hash, [{ type: 'Step99', data, metadata: { actor: { personId: 'p-1', role: 'secretariat' } } }])[0];
        const position = (db.prepare('SELECT max(position) + 1 AS p FROM events').get() as { p: number }).p;
        db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(position, forged, 'dispute-b', 2, 'Step99', JSON.stringify(data), JSON.stringify(metadata), before.recorded_at);
      });
      const failures = named((await verify()).failures);
      expect([forgery, failures]).toEqual([forgery, [{ kind: 'inserted', streamId: 'dispute-b', revision: 2n, position: expect.any(BigInt), eventId: forged }]]);
    }
  });

  it('reports a broken chain as the first event sealed again after a change, when only its own seal was remade', async () => {
    let resealed!: Row;
    tamper((db, rowOf) => {
      resealed = rowOf('dispute-a', 3);
      const previous = rowOf('dispute-a', 2);
      const data = { ...(JSON.parse(resealed.data) as object), text: 'rewritten' };
      const [metadata] = sealBatch('dispute-a', 3n, (JSON.parse(previous.metadata) as { hash: string }).hash, [
        { type: resealed.type, data, metadata: JSON.parse(resealed.metadata) as Record<string, never> },
      ]);
      db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(JSON.stringify(data), JSON.stringify(metadata), resealed.position);
    });
    expect(named((await verify()).failures)).toEqual([{ kind: 'changed', streamId: 'dispute-a', revision: 3n, position: BigInt(resealed.position), eventId: resealed.event_id }]);
  });
});

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verifyStore } from '../audit/verify-store.js';
import { SCHEMA_VERSION } from './migrations.js';
import { SqliteEventStore } from './sqlite-event-store.js';

/** A store as the build before the hash chain left it: schema 1, events without seals. */
function writeSchemaOneStore(file: string, events: number): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE events (
     position INTEGER PRIMARY KEY CHECK (position > 0), event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
     revision INTEGER NOT NULL CHECK (revision >= 0), type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
     recorded_at TEXT NOT NULL, UNIQUE (stream_id, revision)) STRICT`);
  db.pragma('user_version = 1');
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (let p = 1; p <= events; p++) {
    insert.run(p, randomUUID(), `dispute-${p % 3}`, Math.floor((p - 1) / 3), 'Tested', JSON.stringify({ p }), JSON.stringify({ occurredAt: '2026-03-02T10:00:00.000Z' }), '2026-03-02T10:00:00.000Z');
  }
  db.close();
}

describe('the upgrade that brings the hash chain to a store written before it', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chain-upgrade-'));
    file = join(dir, 'events.sqlite');
    writeSchemaOneStore(file, 9);
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  const rawMetadata = () => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT metadata FROM events ORDER BY position').pluck().all() as string[];
    } finally {
      db.close();
    }
  };

  it('seals every stored event on first start, records it, and verify then says where sealing on append began', async () => {
    const store = SqliteEventStore.open({ filename: file });
    try {
      expect(await store.chainOrigin()).toEqual({ sealedByUpgrade: { throughPosition: 9n, events: 9, at: expect.any(String) } });
      expect(await verifyStore(store)).toMatchObject({ ok: true, streams: 3, events: 9 });
      const appended = await store.append('dispute-1', [{ id: randomUUID(), type: 'Later', data: {}, metadata: {} }], 2n);
      const [last] = await store.readStream('dispute-1', { fromRevision: 3n });
      const [before] = await store.readStream('dispute-1', { fromRevision: 2n, limit: 1 });
      expect(last?.metadata['previousHash']).toBe(before?.metadata['hash']);
      expect(appended.position).toBe(10n);
      expect((await verifyStore(store)).ok).toBe(true);
    } finally {
      await store.close();
    }
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
  });

  it('runs once: a second start changes nothing and records nothing more', async () => {
    await SqliteEventStore.open({ filename: file }).close();
    const sealed = rawMetadata();
    const store = SqliteEventStore.open({ filename: file });
    try {
      expect(rawMetadata()).toEqual(sealed);
      expect((await store.chainOrigin()).sealedByUpgrade?.throughPosition).toBe(9n);
    } finally {
      await store.close();
    }
  });

  it('never seals again an event whose seal was stripped after the upgrade: verify reports it', async () => {
    await SqliteEventStore.open({ filename: file }).close();
    const db = new Database(file);
    db.prepare("UPDATE events SET metadata = json_remove(metadata, '$.hash', '$.previousHash') WHERE position = 4").run();
    db.close();
    const store = SqliteEventStore.open({ filename: file });
    try {
      const report = await verifyStore(store);
      expect(report.failures.map((f) => [f.kind, f.position])).toEqual([['changed', 4n]]);
      expect(report.failures[0]?.detail).toContain('its seal has been removed');
    } finally {
      await store.close();
    }
  });

  it('records no upgrade for a store created with the chain', async () => {
    const fresh = SqliteEventStore.open({ filename: join(dir, 'fresh.sqlite') });
    try {
      expect(await fresh.chainOrigin()).toEqual({ sealedByUpgrade: null });
    } finally {
      await fresh.close();
    }
  });
});

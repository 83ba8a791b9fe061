import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type EventToAppend } from '../event-store.port.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { readCheckpoint, signCheckpoint } from './checkpoint.js';
import { sealBatch } from './event-seal.js';
import { exportLog, openExportFile } from './log-export.js';
import { importLog, ImportRefusedError } from './log-import.js';
import { storeLog } from './log-source.js';
import { loadOrCreateSigningKey, SIGNING_KEY_FILE, SigningKeyExposedError } from './signing-key.js';
import { verifyExport } from './verify-export.js';
import { verifyStore } from './verify-store.js';

const event = (stream: string, n: number): EventToAppend => ({
  id: randomUUID(),
  type: `Step${n}`,
  data: { stream, n, text: `Zoë’s step ${n} 東京` },
  metadata: { actor: { personId: 'p-1', role: 'secretariat' }, occurredAt: `2026-03-02T10:0${n % 10}:00.000Z` },
});

describe('exporting, importing and checkpointing the log', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-export-'));
    file = join(dir, 'events.sqlite');
    store = SqliteEventStore.open({ filename: file });
    for (let n = 0; n < 40; n++) await store.append(`dispute-${n % 4}`, [event(`dispute-${n % 4}`, n), ...(n % 3 === 0 ? [event(`dispute-${n % 4}`, n + 100)] : [])], 'any');
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function exportTo(name: string, from = store): Promise<string> {
    const path = join(dir, name);
    const out = createWriteStream(path);
    await exportLog(storeLog(from, { densePositions: true }), (line) => new Promise((done, fail) => out.write(`${line}\n`, (e) => (e ? fail(e) : done()))), { exportedAt: '2026-03-02T12:00:00.000Z' });
    await new Promise<void>((done) => out.end(done));
    return path;
  }

  const rows = (path: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare('SELECT * FROM events ORDER BY position').raw().all();
    } finally {
      db.close();
    }
  };

  it('imports an export into an empty store with the very same positions, ids, revisions, bytes, seals and recorded times', async () => {
    const path = await exportTo('log.ndjson');
    const copyFile = join(dir, 'copy.sqlite');
    const copy = SqliteEventStore.open({ filename: copyFile });
    try {
      const imported = await importLog(await openExportFile(path), copy);
      expect(imported.events).toBe(Number(await store.headPosition()));
      const original = await verifyStore(store);
      const again = await verifyStore(copy);
      expect(again).toMatchObject({ ok: true, events: original.events, streams: original.streams });
      expect(again.heads).toEqual(original.heads);
    } finally {
      await copy.close();
    }
    await store.close();
    expect(rows(copyFile)).toEqual(rows(file));
  });

  it('refuses to import a file whose chain does not verify, and writes nothing', async () => {
    const path = await exportTo('log.ndjson');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('Zoë’s step 7 ', 'Zoe’s step 7 '));
    const copy = SqliteEventStore.open({ filename: ':memory:' });
    try {
      const refusal = await importLog(await openExportFile(path), copy).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(ImportRefusedError);
      expect((refusal as ImportRefusedError).verification?.failures.map((f) => [f.kind, f.type])).toEqual([['changed', 'Step7']]);
      expect(await copy.headPosition()).toBe(0n);
    } finally {
      await copy.close();
    }
  });

  it('refuses to import into a store that is not empty', async () => {
    const path = await exportTo('log.ndjson');
    await expect(importLog(await openExportFile(path), store)).rejects.toThrow('not empty');
  });

  it('says a file cut short is missing its end, and what is left still verifies up to there', async () => {
    const path = await exportTo('log.ndjson');
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    await writeFile(path, `${lines.slice(0, 20).join('\n')}\n`);
    const report = await verifyExport(await openExportFile(path));
    expect(report.ok).toBe(false);
    expect(report.failures.map((f) => f.kind)).toEqual(['removed']);
    expect(report.failures[0]?.detail).toContain('stops before its end line');
  });

  it('detects offline, against a checkpoint signed earlier, a history rewritten and sealed again from scratch', async () => {
    const key = loadOrCreateSigningKey(dir);
    const before = await verifyStore(store);
    const checkpoint = JSON.parse(JSON.stringify(signCheckpoint(before.heads, key, '2026-03-02T12:00:00.000Z'))) as unknown;
    await store.append('dispute-9', [event('dispute-9', 1)], 'no_stream');

    // An untouched export, with events after the checkpoint, agrees with it.
    const readBack = readCheckpoint(checkpoint, key.fingerprint);
    if (!readBack.ok) throw new Error(readBack.reason);
    const fine = await verifyExport(await openExportFile(await exportTo('fine.ndjson')), { checkpoint: readBack.checkpoint });
    expect(fine).toMatchObject({ ok: true, failures: [] });

    // Rewrite revision 2 of dispute-1 and seal it and everything after it in the stream again.
    await store.close();
    const db = new Database(file);
    const stream = db.prepare("SELECT * FROM events WHERE stream_id = 'dispute-1' ORDER BY revision").all() as { position: number; revision: number; type: string; data: string; metadata: string }[];
    const rewritten = stream.map((row) => ({ ...row, data: row.revision === 2 ? row.data.replace('Zoë', 'Zoe') : row.data }));
    const previous = (JSON.parse(stream[1]!.metadata) as { hash: string }).hash;
    const sealed = sealBatch('dispute-1', 2n, previous, rewritten.slice(2).map((row) => ({ type: row.type, data: JSON.parse(row.data) as never, metadata: JSON.parse(row.metadata) as never })));
    rewritten.slice(2).forEach((row, i) => db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(row.data, JSON.stringify(sealed[i]), row.position));
    db.close();
    store = SqliteEventStore.open({ filename: file });

    // The chain alone cannot tell: it was sealed again.
    expect((await verifyStore(store)).ok).toBe(true);
    const report = await verifyExport(await openExportFile(await exportTo('rewritten.ndjson')), { checkpoint: readBack.checkpoint });
    expect(report.ok).toBe(false);
    expect(report.failures.map((f) => [f.kind, f.streamId])).toEqual([['changed', 'dispute-1']]);
    expect(report.failures[0]?.detail).toContain('rewritten');
  });

  it('refuses a checkpoint changed after signing, or signed by a key other than the trusted one', async () => {
    const key = loadOrCreateSigningKey(dir);
    const other = loadOrCreateSigningKey(await mkdtemp(join(tmpdir(), 'other-key-')));
    const heads = (await verifyStore(store)).heads;
    const signed = signCheckpoint(heads, key, '2026-03-02T12:00:00.000Z');
    expect(readCheckpoint(signed, key.fingerprint).ok).toBe(true);
    expect(readCheckpoint({ ...signed, position: '1' })).toEqual({ ok: false, reason: expect.stringContaining('changed after it was signed') });
    expect(readCheckpoint(signCheckpoint(heads, other, '2026-03-02T12:00:00.000Z'), key.fingerprint)).toEqual({ ok: false, reason: expect.stringContaining('not by the trusted key') });
  });

  it('keeps the signing key in the data directory, readable by its owner only, made once', async () => {
    const first = loadOrCreateSigningKey(dir);
    expect((await stat(join(dir, SIGNING_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSigningKey(dir).fingerprint).toBe(first.fingerprint);
    await chmod(join(dir, SIGNING_KEY_FILE), 0o644);
    expect(() => loadOrCreateSigningKey(dir)).toThrow(SigningKeyExposedError);
  });
});

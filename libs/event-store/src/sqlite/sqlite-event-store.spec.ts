import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeEventStoreContract } from '../../../../test/contract/event-store.contract.js';
import { type EventToAppend } from '../event-store.port.js';
import { EventStoreClosedError } from '../event-store-closed.error.js';
import { SCHEMA_VERSION } from './migrations.js';
import { SqliteEventStore } from './sqlite-event-store.js';

interface TempFile {
  readonly filename: string;
  readonly remove: () => Promise<void>;
}

async function tempFile(): Promise<TempFile> {
  const dir = await mkdtemp(join(tmpdir(), 'event-store-'));
  return { filename: join(dir, 'events.sqlite'), remove: () => rm(dir, { recursive: true, force: true }) };
}

const event = (type = 'Tested', data = {}): EventToAppend => ({ id: randomUUID(), type, data, metadata: {} });

describeEventStoreContract('SQLite (temporary file)', async () => {
  const file = await tempFile();
  const store = new SqliteEventStore({ filename: file.filename });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await file.remove();
    },
  };
});

describe('SqliteEventStore', () => {
  let file: TempFile;
  let store: SqliteEventStore;

  beforeEach(async () => {
    file = await tempFile();
    store = new SqliteEventStore({ filename: file.filename });
  });

  afterEach(async () => {
    await store.close();
    await file.remove();
  });

  it('opens the file durable: WAL, synchronous FULL, foreign keys, a busy timeout', () => {
    expect(store.connectionSettings()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: true, busyTimeoutMs: 5_000 });
  });

  it('records the schema version in user_version', () => {
    const raw = new Database(file.filename, { readonly: true });
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    } finally {
      raw.close();
    }
  });

  it('refuses a file whose schema is newer than it understands', async () => {
    await store.close();
    const raw = new Database(file.filename);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => new SqliteEventStore({ filename: file.filename })).toThrow(/newer/);
  });

  it('starts an empty log at head 0n with the first position 1n', async () => {
    expect(await store.headPosition()).toBe(0n);
    expect(await store.readAll()).toEqual([]);
    const result = await store.append('s', [event()], 'no_stream');
    expect(result.position).toBe(1n);
  });

  it('numbers positions gap-free from 1n, also across failed and idempotent appends', async () => {
    const retried = [event(), event()];
    await store.append('a', retried, 'no_stream');
    await Promise.allSettled([
      store.append('a', [event(), event()], 'no_stream'), // fails
      store.append('b', [event()], 'no_stream'),
      store.append('a', retried, 'any'), // idempotent
      store.append('b', [event(), retried[0] as EventToAppend], 'any'), // duplicate, rolled back mid-batch
      store.append('c', [event(), event(), event()], 'any'),
    ]);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.append(`s${i % 7}`, [event()], 'any')));
    const log = await store.readAll({ limit: 10_000 });
    expect(log.map((e) => e.position)).toEqual(log.map((_, i) => BigInt(i + 1)));
    expect(log).toHaveLength(56);
    expect(await store.headPosition()).toBe(56n);
  });

  it('keeps everything after close and reopen, and carries on numbering', async () => {
    await store.append('a', [event('One', { n: 1 }), event('Two', { text: 'Zoë' })], 'no_stream');
    await store.append('b', [event()], 'no_stream');
    const before = await store.readAll();
    await store.close();

    store = new SqliteEventStore({ filename: file.filename });
    expect(await store.readAll()).toEqual(before);
    expect(await store.headPosition()).toBe(3n);
    const next = await store.append('a', [event()], 1n);
    expect(next).toEqual({ nextExpectedRevision: 2n, position: 4n });
  });

  it('commits appends still queued when close() is called, then refuses new ones', async () => {
    const pending = Array.from({ length: 20 }, (_, i) => store.append(`s${i}`, [event()], 'no_stream'));
    await store.close();
    const results = await Promise.all(pending);
    expect(results.map((r) => r.position)).toEqual(results.map((_, i) => BigInt(i + 1)));
    await expect(store.append('late', [event()], 'any')).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreClosedError);
    await store.close(); // idempotent

    store = new SqliteEventStore({ filename: file.filename });
    expect(await store.headPosition()).toBe(20n);
  });

  it('ends live subscriptions on close', async () => {
    const subscription = store.subscribeToAll();
    const pending = subscription[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setImmediate(resolve));
    await store.close();
    await expect(pending).resolves.toMatchObject({ done: true });
  });

  it('wakes its live subscriptions for appends committed by another process on the same file', async () => {
    // A second connection to the file is what another instance on the same data directory is.
    const elsewhere = new SqliteEventStore({ filename: file.filename });
    try {
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      // next() reads synchronously up to its first await: the log is empty, so it is now waiting.
      const first = iterator.next();
      await elsewhere.append('written-elsewhere', [event('Elsewhere')], 'no_stream');
      const timeout = new Promise((resolve) => setTimeout(() => resolve('still waiting after 10 s'), 10_000).unref());
      await expect(Promise.race([first, timeout])).resolves.toMatchObject({ done: false, value: { streamId: 'written-elsewhere', position: 1n } });
      await subscription.unsubscribe();
    } finally {
      await elsewhere.close();
    }
  });

  it('group-commits concurrent appends into fewer transactions than appends', async () => {
    const before = store.stats();
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.append(`s${i}`, [event()], 'no_stream')));
    const after = store.stats();
    expect(after.appends - before.appends).toBe(200);
    expect(after.events - before.events).toBe(200);
    expect(after.transactions - before.transactions).toBeLessThan(200);
    expect(after.transactions - before.transactions).toBeGreaterThanOrEqual(1);
  });

  it('caps a transaction at maxBatch appends', async () => {
    await store.close();
    store = new SqliteEventStore({ filename: file.filename, maxBatch: 16 });
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.append(`s${i}`, [event()], 'no_stream')));
    expect(store.stats().transactions).toBe(Math.ceil(100 / 16));
  });

  it('commits one append per transaction when callers await each one', async () => {
    for (let i = 0; i < 5; i++) await store.append('s', [event()], 'any');
    expect(store.stats()).toEqual({ transactions: 5, appends: 5, events: 5 });
  });

  it('rejects a negative or fractional limit', async () => {
    await expect(store.readAll({ limit: -1 })).rejects.toBeInstanceOf(RangeError);
    await expect(store.readStream('s', { limit: 1.5 })).rejects.toBeInstanceOf(RangeError);
  });

  it('stores type, data and metadata (with its seal) in their own columns as JSON text', async () => {
    await store.append('s', [{ id: randomUUID(), type: 'Typed', data: { a: [1, { b: 'ç' }] }, metadata: { m: true } }], 'no_stream');
    const [stored] = await store.readStream('s');
    const raw = new Database(file.filename, { readonly: true });
    try {
      expect(raw.prepare('SELECT stream_id, revision, type, data, metadata FROM events').get()).toEqual({
        stream_id: 's',
        revision: 0,
        type: 'Typed',
        data: '{"a":[1,{"b":"ç"}]}',
        metadata: `{"m":true,"previousHash":null,"hash":"${String(stored?.metadata['hash'])}"}`,
      });
    } finally {
      raw.close();
    }
  });
});

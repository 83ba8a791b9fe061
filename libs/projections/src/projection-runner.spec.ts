import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type EventStore, EventStoreDbEventStore, type EventToAppend, SqliteEventStore } from '#event-store';
import { type Projection } from './projection.js';
import { haltedStreams, ProjectionRunner, recordedFailures, storedCheckpoint } from './projection-runner.js';
import { openReadModelFile } from './read-model-file.js';
import { ReadModels } from './read-models.js';

/** Records every position it sees; the primary key makes a second application of an event throw. */
const seen = (version = 1): Projection => ({
  name: 'seen',
  version,
  createTables(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS seen (position INTEGER PRIMARY KEY, type TEXT NOT NULL${version > 1 ? ', v2 INTEGER' : ''})`);
  },
  apply(db, event) {
    if (event.type === 'Bad') throw new Error(`cannot read ${event.id}`);
    db.prepare('INSERT INTO seen (position, type) VALUES (?, ?)').run(event.position, event.type);
  },
});

/** Stages rows in apply and writes them in endBatch, as the cases projection does; an `Unwritable` event breaks the write. */
const staging = (): Projection => {
  const staged: { position: number; type: string | null }[] = [];
  return {
    name: 'staged',
    version: 1,
    createTables(db) {
      db.exec('CREATE TABLE IF NOT EXISTS staged (position INTEGER PRIMARY KEY, type TEXT NOT NULL)');
    },
    apply(_db, event) {
      staged.push({ position: Number(event.position), type: event.type === 'Unwritable' ? null : event.type });
    },
    endBatch(db) {
      try {
        for (const row of staged) db.prepare('INSERT INTO staged (position, type) VALUES (?, ?)').run(row.position, row.type);
      } finally {
        staged.length = 0;
      }
    },
  };
};

let counter = 0;
const events = (n: number, type = 'Happened'): EventToAppend[] =>
  Array.from({ length: n }, () => ({ id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`, type, data: {}, metadata: {} }));

/** Written once, run for every adapter: the store is opened by the factory, given the test's own directory. */
function describeProjectionRunner(adapter: string, openStore: (dir: string) => EventStore): void {
  describe(`the projection runner on ${adapter}`, () => {
    let dir: string;
    let store: EventStore;

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'projection-runner-'));
      store = openStore(dir);
    });

    afterEach(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('applies each event once even when two runners (two instances) share one file', async () => {
      const file = join(dir, 'seen.sqlite');
      const first = openReadModelFile(file);
      const second = openReadModelFile(file);
      const a = new ProjectionRunner(store, seen(), first);
      const b = new ProjectionRunner(store, seen(), second);
      a.start();
      b.start();
      for (let i = 0; i < 5; i++) await Promise.all([store.append(`s-${i}`, events(4), 'any'), store.append(`t-${i}`, events(2), 'any')]);
      const head = await store.headPosition();
      expect(await a.waitFor(head, 2_000)).toBe(true);
      expect(await b.waitFor(head, 2_000)).toBe(true);
      await Promise.all([a.stop(), b.stop()]);
      expect(first.prepare('SELECT count(*) FROM seen').pluck().get()).toBe(30);
      expect(recordedFailures(first).count).toBe(0);
      expect(storedCheckpoint(first, 'seen')).toBe(head);
      first.close();
      second.close();
    });

    it('records a failing event, carries on with the other streams, and remembers the failure across restarts', async () => {
      const models = new ReadModels(store, dir, [seen()]);
      models.start();
      await store.append('s', events(2), 'any');
      const bad = await store.append('s', events(1, 'Bad'), 'any');
      const last = await store.append('t', events(2), 'any');
      expect(await models.waitFor(last.position, 2_000)).toBe(true);
      const [status] = await models.status();
      expect(status).toMatchObject({ name: 'seen', checkpoint: last.position, lag: 0n, failures: 1 });
      expect(status?.lastFailure).toMatchObject({ position: bad.position, eventType: 'Bad' });
      expect(models.db('seen').prepare('SELECT count(*) FROM seen').pluck().get()).toBe(4);
      await models.stop();

      const reopened = new ReadModels(store, dir, [seen()]);
      expect((await reopened.status())[0]).toMatchObject({ failures: 1, checkpoint: last.position });
      await reopened.stop();
    });

    it('halts a stream at its failing event: its later events are counted, not applied, while other streams go on', async () => {
      const models = new ReadModels(store, dir, [seen()]);
      models.start();
      await store.append('broken', events(1), 'any');
      const bad = await store.append('broken', events(1, 'Bad'), 'any');
      await store.append('broken', events(2), 'any');
      const other = await store.append('other', events(2), 'any');
      expect(await models.waitFor(other.position, 2_000)).toBe(true);
      const positions = models.db('seen').prepare('SELECT position FROM seen ORDER BY position').pluck().all();
      expect(positions).toEqual([1, other.position - 1n, other.position].map(Number));
      const [status] = await models.status();
      expect(status).toMatchObject({
        checkpoint: other.position,
        failures: 1,
        haltedStreamCount: 1,
        haltedStreams: [{ streamId: 'broken', position: bad.position, eventType: 'Bad', error: expect.stringMatching(/cannot read/), skippedEvents: 2 }],
      });
      await models.stop();

      // Still halted after a restart: the file remembers.
      const reopened = new ReadModels(store, dir, [seen()]);
      reopened.start();
      const more = await store.append('broken', events(1), 'any');
      expect(await reopened.waitFor(more.position, 2_000)).toBe(true);
      expect(haltedStreams(reopened.db('seen')).streams[0]?.skippedEvents).toBe(3);
      expect(reopened.db('seen').prepare('SELECT count(*) FROM seen').pluck().get()).toBe(3);
      await reopened.stop();
    });

    it('pins a failure of the batch end on its event, instead of retrying the whole batch for ever', async () => {
      const models = new ReadModels(store, dir, [staging()]);
      models.start();
      await store.append('a', events(2), 'any');
      const bad = await store.append('b', events(1, 'Unwritable'), 'any');
      await store.append('b', events(1), 'any');
      const last = await store.append('a', events(2), 'any');
      expect(await models.waitFor(last.position, 2_000)).toBe(true);
      expect(models.db('staged').prepare('SELECT position FROM staged ORDER BY position').pluck().all()).toEqual([1, 2, 5, 6]);
      expect((await models.status())[0]).toMatchObject({ failures: 1, haltedStreams: [{ streamId: 'b', position: bad.position, skippedEvents: 1 }] });
      await models.stop();
    });

    it('throws away a file written by another version of the projection and builds it again from the log', async () => {
      const v1 = new ReadModels(store, dir, [seen(1)]);
      v1.start();
      const r = await store.append('s', events(3), 'any');
      await v1.waitFor(r.position, 2_000);
      await v1.stop();

      const v2 = new ReadModels(store, dir, [seen(2)]);
      expect((await v2.status())[0]?.checkpoint).toBe(0n);
      v2.start();
      expect(await v2.waitFor(r.position, 2_000)).toBe(true);
      expect(v2.db('seen').prepare('SELECT count(*) FROM seen WHERE v2 IS NULL').pluck().get()).toBe(3);
      await v2.stop();
    });

    it.each([
      ['on disk', true],
      ['in memory', false],
    ])('rebuilds %s and hands waiting readers over to the new runner', async (_label, onDisk) => {
      const models = new ReadModels(store, onDisk ? dir : null, [seen()]);
      models.start();
      const r = await store.append('s', events(10), 'any');
      await models.waitFor(r.position, 2_000);
      const waiting = models.waitFor(r.position + 1n, 3_000);
      const result = await models.rebuild('seen');
      expect(result).toMatchObject({ name: 'seen', position: r.position, events: 10, failures: 0 });
      await store.append('s', events(1), 'any');
      expect(await waiting).toBe(true);
      expect(models.db('seen').prepare('SELECT count(*) FROM seen').pluck().get()).toBe(11);
      await expect(models.rebuild('nope')).rejects.toThrow(/No read model named nope/);
      await models.stop();
    });
  });
}

describeProjectionRunner('SQLite', (dir) => SqliteEventStore.open({ filename: join(dir, 'events.sqlite') }));

// With a server named, the same suite on KurrentDB, each test in streams of its own (see the contract spec for the NOT RUN line).
const server = process.env['EVENTSTORE_CONNECTION_STRING']?.trim();
if (server) describeProjectionRunner('EventStoreDB', (dir) => new EventStoreDbEventStore({ connectionString: server, streamPrefix: `${basename(dir)}.` }));

import { randomUUID } from 'node:crypto';
import { type EventToAppend, type RecordedEvent, WrongExpectedRevisionError } from './event-store.port.js';
import { copyLog, type CopyProgress } from './copy-log.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

const event = (n: number): EventToAppend => ({
  id: randomUUID(),
  type: `Step${n}`,
  data: { n, text: 'Zoë' },
  metadata: { actor: { role: 'partner' }, occurredAt: `2026-03-0${1 + (n % 9)}T10:00:00.000Z`, commandId: `c${n}` },
});
const portable = ({ id, streamId, revision, type, data, metadata }: RecordedEvent) => ({ id, streamId, revision, type, data, metadata });

describe('copyLog', () => {
  let source: SqliteEventStore;
  let target: SqliteEventStore;

  beforeEach(async () => {
    source = SqliteEventStore.open({ filename: ':memory:' });
    target = SqliteEventStore.open({ filename: ':memory:' });
    // Streams interleaved in the log, batches of several events, more than one page.
    for (let i = 0; i < 700; i++) {
      const stream = `dispute-${i % 7}`;
      await source.append(stream, [event(i), ...(i % 5 === 0 ? [event(i + 1000)] : [])], 'any');
    }
  });

  afterEach(async () => {
    await source.close();
    await target.close();
  });

  it('copies every stream with its revisions, ids, types, data and metadata, in the log’s order', async () => {
    const progress: CopyProgress[] = [];
    const result = await copyLog(source, target, (p) => progress.push(p));
    const original = await source.readAll({ limit: 10_000 });
    const copied = await target.readAll({ limit: 10_000 });
    expect(copied.map(portable)).toEqual(original.map(portable));
    expect(result.events).toBe(original.length);
    expect(progress.at(-1)).toMatchObject({ events: original.length, position: await source.headPosition() });
    for (let s = 0; s < 7; s++) expect((await target.readStream(`dispute-${s}`)).map(portable)).toEqual((await source.readStream(`dispute-${s}`)).map(portable));
  });

  it('is safe to run again: the second run writes nothing', async () => {
    await copyLog(source, target);
    const head = await target.headPosition();
    await copyLog(source, target);
    expect(await target.headPosition()).toBe(head);
  });

  it('stops at a target stream that already holds other events', async () => {
    await target.append('dispute-3', [event(-1)], 'no_stream');
    await expect(copyLog(source, target)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });
});

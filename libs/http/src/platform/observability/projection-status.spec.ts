import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '#event-store';
import { type Projection, ReadModels } from '#projections';
import { PlatformMetrics } from './metrics.js';
import { ProjectionStatusSource } from './projection-status.js';

const counting: Projection = {
  name: 'counting',
  version: 1,
  createTables: (db) => db.exec('CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY)'),
  apply: (db, event) => db.prepare('INSERT INTO seen (id) VALUES (?)').run(event.id),
};

const gauge = (text: string, name: string): number => Number(new RegExp(`^${name}\\{projection="counting"\\} (\\S+)$`, 'm').exec(text)?.[1]);

describe('ProjectionStatusSource', () => {
  it('reports how long the oldest unapplied event has waited, and 0 once the projection caught up', async () => {
    const store = SqliteEventStore.open({ filename: ':memory:' });
    const readModels = new ReadModels(store, null, [counting]);
    try {
      const metrics = new PlatformMetrics();
      new ProjectionStatusSource(metrics, readModels, store);
      await store.append('s', [{ id: randomUUID(), type: 'Happened', data: {}, metadata: {} }], 'no_stream');
      await new Promise((resolve) => setTimeout(resolve, 30)); // the event is now at least 30 ms old
      const behind = await metrics.registry.metrics();
      expect(gauge(behind, 'projection_lag_positions')).toBe(1);
      expect(gauge(behind, 'projection_lag_seconds')).toBeGreaterThanOrEqual(0.03);

      readModels.start();
      expect(await readModels.waitFor(await store.headPosition(), 5_000)).toBe(true);
      const caughtUp = await metrics.registry.metrics();
      expect(gauge(caughtUp, 'projection_lag_positions')).toBe(0);
      expect(gauge(caughtUp, 'projection_lag_seconds')).toBe(0);
    } finally {
      await readModels.stop();
      await store.close();
    }
  });
});

import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { type EventStore } from '#event-store';
import { type Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { openReadModelFile } from './read-model-file.js';

/** Every projection with its own file and runner, under one data directory (':memory:' for none). */
export class ReadModels {
  private readonly handles = new Map<string, Database.Database>();
  private readonly runnersByName = new Map<string, ProjectionRunner>();

  constructor(
    private readonly store: EventStore,
    private readonly dataDir: string | null,
    projections: readonly Projection[],
  ) {
    for (const projection of projections) {
      const db = openReadModelFile(this.dataDir ? join(this.dataDir, `${projection.name}.sqlite`) : ':memory:');
      this.handles.set(projection.name, db);
      this.runnersByName.set(projection.name, new ProjectionRunner(store, projection, db));
    }
  }

  db(name: string): Database.Database {
    const db = this.handles.get(name);
    if (!db) throw new Error(`No read model named ${name}`);
    return db;
  }

  get runners(): ProjectionRunner[] {
    return [...this.runnersByName.values()];
  }

  start(): void {
    for (const runner of this.runners) runner.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
    for (const db of this.handles.values()) db.close();
  }

  /** Read-your-writes: wait until every read model reflects at least this log position. */
  async waitFor(position: bigint, timeoutMs?: number): Promise<boolean> {
    const results = await Promise.all(this.runners.map((r) => r.waitFor(position, timeoutMs)));
    return results.every(Boolean);
  }
}

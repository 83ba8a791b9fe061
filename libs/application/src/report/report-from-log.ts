import type Database from 'better-sqlite3';
import { type WorkingDayCalendar } from '#domain';
import { type EventStore } from '#event-store';
import { applyBatch, createReportProjection, openReadModelFile, prepareProjectionFile, ReportReadModel } from '#projections';

export interface LogProgress {
  readonly position: bigint;
  readonly target: bigint;
}

const BATCH = 1_000;

/**
 * The report read model built afresh from the log up to `asOf`, in memory: the same projection as
 * the live one, fed only the events at or before that position. What `?asOf=` and the CLI read.
 */
export async function reportModelAsOf(
  store: EventStore,
  calendar: WorkingDayCalendar,
  asOf: bigint,
  onProgress?: (progress: LogProgress) => void,
): Promise<{ readonly model: ReportReadModel; close(): void }> {
  const db: Database.Database = openReadModelFile(':memory:');
  const projection = createReportProjection(calendar);
  prepareProjectionFile(db, projection);
  try {
    let after = 0n;
    onProgress?.({ position: 0n, target: asOf });
    while (after < asOf) {
      const batch = (await store.readAll({ after, limit: BATCH })).filter((e) => e.position <= asOf);
      if (batch.length === 0) break;
      after = applyBatch(db, projection, batch);
      onProgress?.({ position: after, target: asOf });
    }
    // The checkpoint says which position the figures reflect: the one asked for, even past the last case event.
    db.prepare('UPDATE projection_state SET checkpoint = ? WHERE name = ?').run(String(asOf), projection.name);
  } catch (error) {
    db.close();
    throw error;
  }
  return { model: new ReportReadModel(() => db), close: () => db.close() };
}

import { Inject, Injectable, Optional } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { EVENT_STORE, type EventStore } from '#event-store';
import { type ProjectionStatus, ReadModels } from '#projections';
import { PlatformMetrics } from './metrics.js';

export const PROJECTION_METRIC_NAMES = {
  lag: 'projection_lag_positions',
  lagSeconds: 'projection_lag_seconds',
  checkpoint: 'projection_checkpoint_position',
  failures: 'projection_failures',
  haltedStreams: 'projection_halted_streams',
} as const;

/**
 * How far each read model is behind the log and whether it has failed on an event, for /metrics
 * (read at scrape time) and /health. Absent read models (platform tests) report nothing.
 */
@Injectable()
export class ProjectionStatusSource {
  constructor(
    @Inject(PlatformMetrics) metrics: PlatformMetrics,
    @Optional() @Inject(ReadModels) private readonly readModels: ReadModels | null,
    @Optional() @Inject(EVENT_STORE) private readonly store: EventStore | null,
  ) {
    // collect() runs with `this` bound to the gauge, so the source is reached through a closure.
    // A store that cannot be reached leaves the gauges empty for that scrape (/health says why).
    const statuses = () => this.status().catch((): ProjectionStatus[] => []);
    const gauge = (name: string, help: string, pick: (s: ProjectionStatus) => number | Promise<number>) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'] as const,
        registers: [metrics.registry],
        async collect() {
          this.reset();
          for (const s of await statuses()) this.set({ projection: s.name }, await pick(s));
        },
      });
    gauge(PROJECTION_METRIC_NAMES.lag, 'Log positions the projection has not applied yet (with EventStoreDB, log bytes).', (s) => Number(s.lag));
    gauge(
      PROJECTION_METRIC_NAMES.lagSeconds,
      'Age of the oldest event the projection has not applied yet (how far the subscription is behind in time); 0 when caught up.',
      (s) => this.lagSeconds(s),
    );
    gauge(PROJECTION_METRIC_NAMES.checkpoint, 'Last log position the projection applied.', (s) => Number(s.checkpoint));
    gauge(PROJECTION_METRIC_NAMES.failures, 'Events the projection failed to apply (recorded, not skipped silently).', (s) => s.failures);
    gauge(PROJECTION_METRIC_NAMES.haltedStreams, 'Streams whose events the projection stopped applying after a failure, until a rebuild.', (s) => s.haltedStreamCount);
  }

  /** Seconds since the first event after the checkpoint was recorded: comparable across stores, whose positions are not. */
  private async lagSeconds(status: ProjectionStatus): Promise<number> {
    if (status.lag === 0n || this.store === null) return 0;
    const [oldest] = await this.store.readAll({ after: status.checkpoint, limit: 1 }).catch(() => []);
    return oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest.recordedAt.getTime()) / 1000);
  }

  async status(): Promise<ProjectionStatus[]> {
    return this.readModels ? this.readModels.status() : [];
  }
}

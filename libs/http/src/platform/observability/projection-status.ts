import { Inject, Injectable, Optional } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { type ProjectionStatus, ReadModels } from '#projections';
import { PlatformMetrics } from './metrics.js';

export const PROJECTION_METRIC_NAMES = {
  lag: 'projection_lag_positions',
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
  ) {
    // collect() runs with `this` bound to the gauge, so the source is reached through a closure.
    const statuses = () => this.status();
    const gauge = (name: string, help: string, pick: (s: ProjectionStatus) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'] as const,
        registers: [metrics.registry],
        async collect() {
          this.reset();
          for (const s of await statuses()) this.set({ projection: s.name }, pick(s));
        },
      });
    gauge(PROJECTION_METRIC_NAMES.lag, 'Log positions the projection has not applied yet.', (s) => Number(s.lag));
    gauge(PROJECTION_METRIC_NAMES.checkpoint, 'Last log position the projection applied.', (s) => Number(s.checkpoint));
    gauge(PROJECTION_METRIC_NAMES.failures, 'Events the projection failed to apply (recorded, not skipped silently).', (s) => s.failures);
    gauge(PROJECTION_METRIC_NAMES.haltedStreams, 'Streams whose events the projection stopped applying after a failure, until a rebuild.', (s) => s.haltedStreamCount);
  }

  async status(): Promise<ProjectionStatus[]> {
    return this.readModels ? this.readModels.status() : [];
  }
}

import { type Provider } from '@nestjs/common';
import { COMMAND_OBSERVER, type CommandObserver } from '#application';
import { PlatformMetrics } from './metrics.js';

/** The application's write path reports here; we turn it into Prometheus metrics. */
export class PrometheusCommandObserver implements CommandObserver {
  constructor(private readonly metrics: PlatformMetrics) {}

  commandFinished(command: string, result: string, seconds: number): void {
    this.metrics.commandsTotal.inc({ command, result });
    this.metrics.commandDurationSeconds.observe({ command }, seconds);
  }

  appended(seconds: number): void {
    this.metrics.eventStoreAppendSeconds.observe(seconds);
  }
}

/** For ApplicationModule.forRoot(settings, { observer }): resolves PlatformMetrics from the global PlatformModule. */
export const prometheusCommandObserver: Provider = {
  provide: COMMAND_OBSERVER,
  useFactory: (metrics: PlatformMetrics): CommandObserver => new PrometheusCommandObserver(metrics),
  inject: [PlatformMetrics],
};

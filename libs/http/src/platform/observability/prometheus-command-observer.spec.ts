import { METRIC_NAMES, PlatformMetrics } from './metrics.js';
import { PrometheusCommandObserver } from './prometheus-command-observer.js';

describe('PrometheusCommandObserver', () => {
  it('counts commands by name and result and times appends', async () => {
    const metrics = new PlatformMetrics();
    const observer = new PrometheusCommandObserver(metrics);
    observer.commandFinished('acknowledge', 'ok', 0.004);
    observer.commandFinished('acknowledge', 'DISPUTE.NOT_ALLOWED_IN_STATE', 0.002);
    observer.appended(0.001);

    const text = await metrics.registry.metrics();
    expect(text).toContain(`${METRIC_NAMES.commandsTotal}{command="acknowledge",result="ok"} 1`);
    expect(text).toContain(`${METRIC_NAMES.commandsTotal}{command="acknowledge",result="DISPUTE.NOT_ALLOWED_IN_STATE"} 1`);
    expect(text).toContain(`${METRIC_NAMES.eventStoreAppendSeconds}_count 1`);
    expect(text).toContain(`${METRIC_NAMES.commandDurationSeconds}_count{command="acknowledge"} 2`);
  });

  it('keeps each PlatformMetrics on its own registry, so two apps in one process do not collide', () => {
    expect(() => [new PlatformMetrics(), new PlatformMetrics()]).not.toThrow();
  });
});

import { SetMetadata } from '@nestjs/common';
import { type Principal } from '#application';

/** METRICS_TOKEN, handed to the authentication guard and the metrics controller by the platform module (null: /metrics is public). */
export const METRICS_TOKEN = Symbol('METRICS_TOKEN');

/** Marks the one route the metrics token opens. */
export const OPENED_BY_METRICS_TOKEN = 'platform:opened-by-metrics-token';
export const OpenedByMetricsToken = (): MethodDecorator => SetMetadata(OPENED_BY_METRICS_TOKEN, true);

/** Who the metrics token stands for: a scraper with no role, recognised on /metrics only. */
export const METRICS_SCRAPER: Principal = Object.freeze({
  personId: 'metrics-scraper',
  name: 'Metrics scrape token',
  roles: Object.freeze([] as const),
  organisationId: null,
});

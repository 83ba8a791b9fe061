import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The metric names, for dashboards, alerts and code that looks a metric up by name. */
export const METRIC_NAMES = {
  httpRequestsTotal: 'http_requests_total',
  httpRequestDurationSeconds: 'http_request_duration_seconds',
  commandsTotal: 'commands_total',
  commandDurationSeconds: 'command_duration_seconds',
  eventStoreAppendSeconds: 'event_store_append_seconds',
  eventStoreWritable: 'event_store_writable',
} as const;

/** Route label for requests no route matched, so unknown URLs cannot blow up label cardinality. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Every metric the service exposes, on a registry of its own (not prom-client's global one), so
 * that several app instances in one process (tests) never collide. Injectable: the application
 * records commands and appends through the CommandObserver the platform plugs in.
 */
@Injectable()
export class PlatformMetrics {
  readonly registry = new Registry();

  /** Route is the pattern (`/disputes/:id`), never the raw URL. */
  readonly httpRequestsTotal = new Counter({
    name: METRIC_NAMES.httpRequestsTotal,
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpRequestDurationSeconds = new Histogram({
    name: METRIC_NAMES.httpRequestDurationSeconds,
    help: 'Time from request received to response sent, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** result: ok, or the error code (`DISPUTE.NOT_ALLOWED_IN_STATE`) as the application reports it. */
  readonly commandsTotal = new Counter({
    name: METRIC_NAMES.commandsTotal,
    help: 'Commands handled, by command name and result.',
    labelNames: ['command', 'result'] as const,
    registers: [this.registry],
  });

  readonly commandDurationSeconds = new Histogram({
    name: METRIC_NAMES.commandDurationSeconds,
    help: 'Time to handle a command end to end (load, decide, append), by command name.',
    labelNames: ['command'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly eventStoreAppendSeconds = new Histogram({
    name: METRIC_NAMES.eventStoreAppendSeconds,
    help: 'Time for one append to be committed by the event store.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

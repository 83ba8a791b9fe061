import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type PlatformMetrics, UNMATCHED_ROUTE } from './metrics.js';

/**
 * A Fastify onResponse hook: counts and times every response, including 404s, body-parser errors
 * and routes outside Nest (docs), labelled by the route pattern rather than the raw URL.
 */
export function recordHttpMetrics(metrics: PlatformMetrics) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      status: String(reply.statusCode),
    };
    metrics.httpRequestsTotal.inc(labels);
    metrics.httpRequestDurationSeconds.observe(labels, reply.elapsedTime / 1000);
    done();
  };
}

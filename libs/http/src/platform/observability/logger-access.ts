import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { type Logger } from 'pino';

/** Requests whose access line would only be noise: probes, scrapes, the docs and their assets. */
const QUIET_PATHS = /^\/(health|metrics|docs)(\/|-json|$|\?)/;

/** A path no route matched is logged, cut to this length (routes are logged by their pattern). */
const UNMATCHED_PATH_LIMIT = 200;

/**
 * Fastify's per-request log lines, as one short access line when the answer has gone: method,
 * route pattern, status, time taken, and the correlation id (the request id, logged under that
 * name). No headers, no bodies; Fastify's other lines (errors, broken streams) stay as they are.
 */
export class AccessLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'correlationId' });
  }

  /** One line per request, at the end: the start says nothing the end does not. */
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // reply.log is a pino child: the adapter is given a pino loggerInstance (create-fastify-adapter.ts).
    const log = reply.log as Logger;
    const level = error ? 'error' : 'info';
    if (!log.isLevelEnabled(level) || QUIET_PATHS.test(request.url)) return;
    const route = request.routeOptions.url;
    const line = {
      method: request.method,
      ...(route === undefined ? { path: (request.url.split('?')[0] ?? '').slice(0, UNMATCHED_PATH_LIMIT) } : { route }),
      statusCode: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) log.error({ ...line, err: error }, 'request errored');
    else log.info(line, 'request completed');
  }
}

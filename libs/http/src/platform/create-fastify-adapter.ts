import { type IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { type Logger } from 'pino';
import { type AppSettings } from '#config';
import { CORRELATION_ID_HEADER, correlationIdFor } from './correlation/correlation-id.js';
import { answerFrameworkError } from './framework-errors.js';
import { AccessLogController } from './observability/logger-access.js';
import { BODY_LIMITS } from './security/body-limit.js';

/**
 * Fastify as we run it: the standard body limit (a route that takes more declares it, see
 * body-limit.ts), X-Forwarded-* ignored unless TRUST_PROXY, the correlation id as the request id,
 * and `logger` (createLogger) for Fastify's own lines, with one short access line per request.
 */
export function createFastifyAdapter(settings: AppSettings, logger: Logger): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMITS.standard,
    trustProxy: settings.trustProxy ?? false,
    loggerInstance: logger,
    logController: new AccessLogController(),
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => correlationIdFor(request.headers[CORRELATION_ID_HEADER]),
    // Bad URLs and over-long path parameters are refused by the router itself: as problem+json too.
    frameworkErrors: answerFrameworkError,
  });
}

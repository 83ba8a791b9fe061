import { type IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { type Logger } from 'pino';
import { type AppSettings, DEFAULT_HTTP_LIMITS } from '#config';
import { clientErrorHandler } from './client-error-handler.js';
import { CORRELATION_ID_HEADER, correlationIdFor } from './correlation/correlation-id.js';
import { answerFrameworkError } from './framework-errors.js';
import { AccessLogController } from './observability/logger-access.js';
import { BODY_LIMITS } from './security/body-limit.js';

/** Node checks its header and request timeouts on this beat; a limit is enforced up to one beat late. */
const MAX_TIMEOUT_CHECK_MS = 1_000;

/**
 * Fastify as we run it: the standard body limit (a route that takes more declares it, see
 * body-limit.ts), X-Forwarded-* believed only from the proxies TRUST_PROXY names, the correlation
 * id as the request id, `logger` (createLogger) for Fastify's own lines with one short access line
 * per request, limits on slow clients, and every refusal Fastify or Node makes before a route runs
 * answered as problem+json.
 */
export function createFastifyAdapter(settings: AppSettings, logger: Logger): FastifyAdapter {
  const limits = settings.httpLimits ?? DEFAULT_HTTP_LIMITS;
  const trustProxy = settings.trustProxy ?? false;
  return new FastifyAdapter({
    bodyLimit: BODY_LIMITS.standard,
    trustProxy: typeof trustProxy === 'object' ? [...trustProxy] : trustProxy,
    loggerInstance: logger,
    logController: new AccessLogController(),
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => correlationIdFor(request.headers[CORRELATION_ID_HEADER]),
    // Bad URLs and over-long path parameters are refused by the router itself: as problem+json too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: clientErrorHandler(limits),
    // Answered by our own hook instead (configurePlatform), as problem+json.
    return503OnClosing: false,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      // Node would refuse an HTTP/1.1 request without Host with a bare 400: requireHost does it as problem+json.
      requireHostHeader: false,
      headersTimeout: limits.headersTimeoutMs,
      // Node's default beat is 30 s, which would stretch a 10 s limit to 40.
      connectionsCheckingInterval: Math.max(50, Math.min(MAX_TIMEOUT_CHECK_MS, Math.floor(limits.headersTimeoutMs / 4))),
    },
  });
}

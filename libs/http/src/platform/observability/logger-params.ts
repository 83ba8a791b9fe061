import { type IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { type Params } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import { type Options } from 'pino-http';
import { type AppSettings } from '#config';

/** Requests whose access-log line would only be noise (probes, scrapes, the docs' assets). */
const QUIET_PATHS = /^\/(health|metrics|docs)(\/|-json|$|\?)/;

/**
 * JSON logs through pino (nestjs-pino binds a child logger per request, so every line logged
 * while handling a request carries its correlation id). Secrets in headers never reach a log.
 * `destination` defaults to stdout; tests pass a stream to read the lines back.
 */
export function loggerParams(settings: AppSettings, destination?: DestinationStream): Params {
  const options: Options = {
    level: settings.logLevel,
    timestamp: pino.stdTimeFunctions.isoTime,
    // Fastify's request id is the correlation id (see correlationIdFor); logged under that name.
    customAttributeKeys: { reqId: 'correlationId' },
    quietReqLogger: true,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    // The status is enough; response headers (CSP and friends) would only bloat every line.
    serializers: { res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }) },
    autoLogging: { ignore: (request) => QUIET_PATHS.test(requestPath(request)) },
  };
  return {
    // nestjs-pino's default pattern, `{/*splat}`, matches no route under Nest 12 with Fastify:
    // requests would go unlogged and without their correlation id in the log context.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: destination === undefined ? options : [options, destination],
  };
}

/** Middie rewrites req.url relative to the mount point; originalUrl keeps the path as requested. */
const requestPath = (request: IncomingMessage): string => (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? '';

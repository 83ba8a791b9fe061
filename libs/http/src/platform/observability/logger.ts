import pino, { type DestinationStream, type Logger } from 'pino';
import { type AppSettings } from '#config';

/** Secrets a line could carry if someone logged a request's or response's headers: censored, wherever they appear. */
const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]', 'res.headers["set-cookie"]'];

/**
 * The process's one pino logger, as JSON lines at LOG_LEVEL. Fastify makes a child of it per
 * request (carrying the correlation id), and Nest's loggers write through it (logger.service.ts).
 * `destination` defaults to stdout; tests pass a stream to read the lines back.
 */
export function createLogger(settings: Pick<AppSettings, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: settings.logLevel,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

import { randomUUID } from 'node:crypto';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** Conservative, so a caller's id can go into logs and headers as it is (no log injection). */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id a request is known by in logs, problems and the response header: the caller's
 * X-Correlation-Id when it is sane, a new UUID otherwise. Used as Fastify's request id, so every
 * log line of the request carries it as `correlationId` (observability/logger-access.ts).
 */
export function correlationIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && ACCEPTABLE_ID.test(header) ? header : randomUUID();
}

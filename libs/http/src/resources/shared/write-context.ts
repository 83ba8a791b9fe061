import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { type Principal, type WriteOptions } from '#application';
import '../../platform/request-context.js';
import { expectedRevisionFrom } from '../../platform/concurrency/if-match.js';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from '../../platform/idempotency/idempotency-key.js';
import { onBehalfOfFrom } from './on-behalf-of.js';

/**
 * Everything about a command besides its body: who sends it, and what the request's headers say
 * about the write (If-Match, Idempotency-Key, X-On-Behalf-Of and -Reason, the correlation id).
 */
export interface WriteContext {
  readonly principal: Principal;
  readonly options: WriteOptions;
}

/** Which headers a route reads for its write: raising takes no If-Match; the directory's commands record nobody's step for a party. */
export interface WriteHeaders {
  readonly ifMatch?: boolean;
  readonly onBehalfOf?: boolean;
}

/** The directory's commands on an organisation or person: If-Match pins its revision; nobody records them for a party. */
export const DIRECTORY_WRITE: WriteHeaders = { onBehalfOf: false };

/** Creating an organisation or a person (and an organisation leaving): no revision to pin, and nobody acts for a party. */
export const DIRECTORY_CREATE: WriteHeaders = { ifMatch: false, onBehalfOf: false };

/** WriteOptions from what the edge decorators found, leaving out what was not sent. */
export function writeOptions(parts: {
  readonly expectedRevision?: bigint | undefined;
  readonly idempotencyKey?: string | undefined;
  readonly correlationId?: string | undefined;
  readonly onBehalfOf?: WriteOptions['onBehalfOf'] | undefined;
}): WriteOptions {
  // Assigned one by one rather than spread: every command request builds one.
  const options: { -readonly [K in keyof WriteOptions]: WriteOptions[K] } = {};
  if (parts.expectedRevision !== undefined) options.expectedRevision = parts.expectedRevision;
  if (parts.idempotencyKey !== undefined) options.idempotencyKey = parts.idempotencyKey;
  if (parts.correlationId !== undefined) options.correlationId = parts.correlationId;
  if (parts.onBehalfOf !== undefined) options.onBehalfOf = parts.onBehalfOf;
  return options;
}

/** The write options a request's headers give (a malformed header is a 400 naming it). */
export function writeOptionsOf(request: FastifyRequest, headers: WriteHeaders = {}): WriteOptions {
  return writeOptions({
    expectedRevision: headers.ifMatch === false ? undefined : expectedRevisionFrom(request.headers['if-match']),
    idempotencyKey: parseIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]),
    correlationId: request.id,
    onBehalfOf: headers.onBehalfOf === false ? undefined : onBehalfOfFrom(request.headers),
  });
}

/** The request's WriteContext, as one parameter of a command route (the guard has put the principal there). */
export const WriteContext = createParamDecorator((headers: WriteHeaders | undefined, context: ExecutionContext): WriteContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  if (!request.principal) throw new Error('A write route needs an authenticated principal: is the route @Public()?');
  return { principal: request.principal, options: writeOptionsOf(request, headers) };
});

/**
 * A validated DTO as the plain data the bus carries (no class prototypes, no undefined members):
 * what `JSON.parse(JSON.stringify(dto))` gives, copied directly for the values a parsed body can
 * hold (every command pays for it; the text round trip costs several times more).
 */
export function plain<T extends object>(dto: T): T {
  return jsonCopy(dto) as T;
}

function jsonCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes -0 as 0 and has no NaN or Infinity.
      return Number.isFinite(value) ? value + 0 : null;
    case 'object':
      if (value === null) return null;
      if (Array.isArray(value)) return value.map((item) => (isDropped(item) ? null : jsonCopy(item)));
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(value)) as unknown;
      return objectCopy(value as Record<string, unknown>);
    default:
      // A bigint: JSON.stringify's own TypeError.
      return JSON.parse(JSON.stringify(value)) as unknown;
  }
}

function objectCopy(value: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (isDropped(item)) continue;
    // Defined, not assigned: a "__proto__" member stays a member, as JSON.parse makes it.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: jsonCopy(item), enumerable: true, writable: true, configurable: true });
    else copy[key] = jsonCopy(item);
  }
  return copy;
}

/** What JSON.stringify leaves out of an object (and writes as null in a list). */
const isDropped = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

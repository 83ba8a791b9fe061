import { type WriteOptions } from '#application';

/** WriteOptions from what the edge decorators found, leaving out what was not sent. */
export function writeOptions(parts: {
  readonly expectedRevision?: bigint | undefined;
  readonly idempotencyKey?: string | undefined;
  readonly correlationId?: string | undefined;
  readonly onBehalfOf?: WriteOptions['onBehalfOf'] | undefined;
}): WriteOptions {
  return {
    ...(parts.expectedRevision !== undefined && { expectedRevision: parts.expectedRevision }),
    ...(parts.idempotencyKey !== undefined && { idempotencyKey: parts.idempotencyKey }),
    ...(parts.correlationId !== undefined && { correlationId: parts.correlationId }),
    ...(parts.onBehalfOf !== undefined && { onBehalfOf: parts.onBehalfOf }),
  };
}

/** A validated DTO as the plain data the bus carries (no class prototypes, no undefined members). */
export function plain<T extends object>(dto: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(dto)) as Record<string, unknown>;
}

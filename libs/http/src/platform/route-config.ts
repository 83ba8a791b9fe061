import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';

/**
 * Adds to the Fastify route `config` of a handler, which onRoute hooks read (body-limit.ts,
 * revision-etag.ts). Nest's @RouteConfig sets the whole object, so of two on one handler only one
 * would count: this merges instead, whatever order the decorators run in.
 */
export const addRouteConfig =
  (part: Readonly<Record<string, unknown>>): MethodDecorator =>
  (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as Record<string, unknown> | undefined) ?? {};
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, ...part }, handler);
    return descriptor;
  };

import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'platform:is-public';
/** Marks public operations in the OpenAPI document; turned into `security: []` when it is built. */
export const OPENAPI_PUBLIC_EXTENSION = 'x-public';

/**
 * Anyone may call this route. A bearer token is still checked when one is sent (a bad one is 401,
 * never silently ignored), so a route such as the annual report can serve the public edition to
 * anonymous callers and more to a principal.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(OPENAPI_PUBLIC_EXTENSION, true));

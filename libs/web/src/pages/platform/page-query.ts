import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';

/** A page's query string: one text per name. */
export type PageQueryValues = Readonly<Record<string, string | undefined>>;

/**
 * The query as the pages read it: a name sent twice (`?role=a&role=b`) gives its first value, so a
 * page never meets a list where it expects a text; in a null-prototype object, so `__proto__` is
 * only a name.
 */
export function singleValues(query: unknown): PageQueryValues {
  const values = Object.create(null) as Record<string, string>;
  if (typeof query !== 'object' || query === null) return values;
  for (const [name, value] of Object.entries(query)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') values[name] = first;
  }
  return values;
}

/** The handler's parameter for the page's query (in place of Nest's @Query()). */
export const PageQuery = createParamDecorator((_: unknown, context: ExecutionContext) => singleValues(context.switchToHttp().getRequest<FastifyRequest>().query));

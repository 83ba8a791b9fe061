import { type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteOptions } from 'fastify';
import { addRouteConfig } from '../route-config.js';
import { setETag } from './etag.js';

interface RevisionETagConfig {
  readonly revisionETag?: boolean;
}

/**
 * A command route: it answers `{ id, revision, position }` (and a person's new token, for
 * rotate-token), and the revision is also its ETag, which a client sends back as If-Match. Set
 * once for every command route, not in each handler.
 */
export const RevisionETag = (): MethodDecorator => addRouteConfig({ revisionETag: true } satisfies RevisionETagConfig);

/**
 * Gives each route marked @RevisionETag() a preSerialization hook that sets the ETag from its answer:
 * a Fastify hook on those routes alone rather than a Nest interceptor, which would put every request
 * of the route through an RxJS pipeline. Register before the routes are (before app.init()).
 */
export function applyRevisionETags(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if ((route.config as RevisionETagConfig | undefined)?.revisionETag !== true) return;
    const existing = route.preSerialization;
    route.preSerialization = [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]), setRevisionETag];
  });
}

function setRevisionETag(_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void {
  // The handler's own answer: not a problem (an error), nor a replay (parsed JSON, which carries
  // the ETag it was first sent with among its replayed headers).
  const revision = reply.statusCode < 400 ? (payload as { revision?: unknown } | null)?.revision : undefined;
  if (typeof revision === 'bigint') setETag(reply, revision);
  done(null, payload);
}

import { type FastifyInstance, type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction } from 'fastify';
import { ValidationError } from '#core';

/**
 * HTTP/1.1 requires a Host header (RFC 9112, 3.2): a request without one is refused 400, as
 * problem+json, before anything else runs. Node's own check answers a bare 400; it is off
 * (`requireHostHeader: false`) so that this one answers instead.
 */
export function requireHost(fastify: FastifyInstance): void {
  // A plain callback hook: an async one costs a promise on every request.
  fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const { httpVersionMajor, httpVersionMinor, headers } = request.raw;
    if (httpVersionMajor === 1 && httpVersionMinor >= 1 && (headers.host === undefined || headers.host === '')) {
      done(new ValidationError('An HTTP/1.1 request must carry a Host header.', [{ field: 'Host', message: 'is required' }], 'REQUEST.MISSING_HOST'));
      return;
    }
    done();
  });
}

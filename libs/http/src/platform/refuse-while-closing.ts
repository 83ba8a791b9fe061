import { type FastifyInstance, type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction } from 'fastify';
import { ProblemException } from './problem-details.js';

/**
 * Once the server is closing, a request that still arrives (pipelined, or on a busy keep-alive
 * connection) is answered 503 problem+json with `Connection: close`, before any guard or handler
 * runs: Fastify's own answer for this is plain JSON. Its preClose hook runs as close begins.
 */
export function refuseWhileClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  // A plain callback hook: an async one costs a promise on every request.
  fastify.addHook('onRequest', (_request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (!closing) {
      done();
      return;
    }
    done(new ProblemException(503, {
      title: 'Service unavailable',
      detail: 'The server is shutting down. Try again shortly.',
      code: 'SERVICE.SHUTTING_DOWN',
      headers: { 'retry-after': '5', connection: 'close' },
    }));
  });
}

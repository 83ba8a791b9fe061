import { AsyncLocalStorage } from 'node:async_hooks';
import { type FastifyInstance, type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction } from 'fastify';
import { type Logger } from 'pino';

const requestLoggers = new AsyncLocalStorage<Logger>();

/** The child logger of the request being handled (it carries the correlation id), if any. */
export function currentRequestLogger(): Logger | undefined {
  return requestLoggers.getStore();
}

/**
 * Makes each request's child logger current while the request is handled, so that a line a Nest
 * `Logger` writes from a hook, guard, handler or filter carries that request's correlation id. The
 * context entered first thing holds to the end: Node keeps it across the body's later packets too
 * (logging.e2e.spec.ts checks). Register before routes and other hooks.
 */
export function bindRequestLoggers(fastify: FastifyInstance): void {
  // request.log is a pino child: the adapter is given a pino loggerInstance (create-fastify-adapter.ts).
  fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    requestLoggers.run(request.log as Logger, done);
  });
}

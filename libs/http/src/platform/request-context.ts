import { type Principal } from '#application';
import { type KeyScope } from './idempotency/idempotency.guard.js';

/* What the platform attaches to each Fastify request on its way to a controller. */
declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication guard; null on a @Public() route called without a token. */
    principal?: Principal | null;
    /** Set by the idempotency guard while this request holds its key's claim; ended on send. */
    idempotencyClaim?: KeyScope | undefined;
  }
}

export {};

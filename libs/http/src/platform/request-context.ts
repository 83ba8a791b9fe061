import { type Principal } from '#application';

/* What the platform attaches to each Fastify request on its way to a controller. */
declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication guard; null on a @Public() route called without a token. */
    principal?: Principal | null;
  }
}

export {};

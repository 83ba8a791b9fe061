import { type PageSession } from './session-store.js';

/* What the pages attach to a Fastify request on its way to a page controller. */
declare module 'fastify' {
  interface FastifyRequest {
    /** Set by PageSessionGuard: the live session, or null when the browser is not signed in. */
    pageSession?: PageSession | null;
  }
}

export {};

import { type FastifyInstance, type RouteOptions } from 'fastify';
import { addRouteConfig } from '../route-config.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * How many bytes of body a route reads before it answers 413, by what the route takes. Sized for
 * the largest body its DTO accepts with every character escaped as `\uXXXX` (6 bytes: how Python's
 * json.dumps sends non-ASCII text by default), so no valid request is ever refused for its size.
 */
export const BODY_LIMITS = {
  /** Every route unless it says otherwise: raising a dispute, the largest, is about 28,000 characters of text. */
  standard: 256 * KiB,
  /** Commands carrying up to 50 agreed actions or recommendations (about 280,000 characters). */
  actionLists: 2 * MiB,
  /** Evidence: up to 10 MB of file as base64 (4/3 larger) plus its name and type. */
  evidence: 15 * MiB,
} as const;

/** Where a route sets its own limit: Fastify's route `config` (route-config.ts). */
interface BodyLimitConfig {
  readonly bodyLimit?: number;
}

/** A route that takes more than BODY_LIMITS.standard says so: `@BodyLimit(BODY_LIMITS.evidence)`. */
export const BodyLimit = (bytes: number): MethodDecorator => addRouteConfig({ bodyLimit: bytes } satisfies BodyLimitConfig);

/**
 * Gives every route registered from now on the body limit it declared, or the standard one.
 * Register before the routes are (before app.init()).
 */
export function applyRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const declared = (route.config as BodyLimitConfig | undefined)?.bodyLimit;
    route.bodyLimit = declared ?? route.bodyLimit ?? BODY_LIMITS.standard;
  });
}

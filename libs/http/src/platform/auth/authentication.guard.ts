import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { type FastifyRequest } from 'fastify';
import { Authenticate, type Principal } from '#application';
import { UnauthenticatedError } from '#core';
import { ProblemException } from '../problem-details.js';
import '../request-context.js';
import { AuthFailureLimiter } from './auth-failure-limiter.js';
import { bearerTokenFrom } from './bearer-token.js';
import { METRICS_SCRAPER, METRICS_TOKEN, OPENED_BY_METRICS_TOKEN } from '../observability/metrics-token.js';
import { BOOTSTRAP_ADMIN, digestMatches, secretDigest, tokenDigest } from './bootstrap-admin.js';
import { IS_PUBLIC } from './public.decorator.js';
import { RouteMetadata } from './route-metadata.js';

/** The bootstrap admin secret, handed to the guard by the platform module. */
export const BOOTSTRAP_ADMIN_SECRET = Symbol('BOOTSTRAP_ADMIN_SECRET');

/**
 * The global authentication guard: resolves `Authorization: Bearer <token>` to a Principal through
 * the QueryBus (tokens are the directory's business), or to the bootstrap admin. Routes are
 * protected unless marked @Public(). Repeated failures from one address are answered 429, but a
 * valid token always passes. The metrics token is recognised on /metrics alone.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly routes: RouteMetadata<{ readonly isPublic: boolean; readonly opensMetrics: boolean }>;
  private readonly bootstrapDigest: Buffer | null;
  private readonly metricsDigest: Buffer | null;

  constructor(
    @Inject(Reflector) reflector: Reflector,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(AuthFailureLimiter) private readonly limiter: AuthFailureLimiter,
    @Inject(BOOTSTRAP_ADMIN_SECRET) bootstrapSecret: string | null,
    @Inject(METRICS_TOKEN) metricsToken: string | null,
  ) {
    this.routes = new RouteMetadata((handler, controller) => ({
      isPublic: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [handler, controller]) === true,
      opensMetrics: reflector.get<boolean | undefined>(OPENED_BY_METRICS_TOKEN, handler) === true,
    }));
    this.bootstrapDigest = secretDigest(bootstrapSecret);
    this.metricsDigest = secretDigest(metricsToken);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const { isPublic, opensMetrics } = this.routes.of(context);
    const header = request.headers.authorization;

    if (header === undefined) {
      if (!isPublic) throw new UnauthenticatedError();
      request.principal = null;
      return true;
    }

    const token = bearerTokenFrom(header);
    const principal = token === null ? null : await this.resolve(token, opensMetrics);
    if (principal !== null) {
      // A token that works is never refused, whatever others sent from the same address.
      request.principal = principal;
      return true;
    }
    const retryAfter = this.limiter.retryAfterSeconds(request.ip);
    if (retryAfter !== null) throw tooManyFailures(retryAfter);
    this.limiter.recordFailure(request.ip);
    throw new UnauthenticatedError(token === null ? 'The Authorization header must be "Bearer <token>".' : 'The bearer token is not valid.');
  }

  private async resolve(token: string, opensMetrics: boolean): Promise<Principal | null> {
    // One hash of the token for both secrets, each compared in constant time.
    const digest = tokenDigest(token);
    if (digestMatches(digest, this.bootstrapDigest)) return BOOTSTRAP_ADMIN;
    if (opensMetrics && digestMatches(digest, this.metricsDigest)) return METRICS_SCRAPER;
    return (await this.queryBus.execute(new Authenticate(token))) ?? null;
  }
}

function tooManyFailures(retryAfterSeconds: number): ProblemException {
  return new ProblemException(429, {
    title: 'Too many failed authentications',
    detail: `Too many failed authentication attempts from this address. Try again in ${retryAfterSeconds} s.`,
    code: 'AUTH.TOO_MANY_FAILURES',
    extensions: { retryAfterSeconds },
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
}

import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '#core';
import './page-request.js';
import { ANONYMOUS_PAGE } from './page-access.decorators.js';
import { cookieOf, SESSION_COOKIE } from './session-cookie.js';
import { SessionPrincipals } from './session-principals.js';
import { SessionStore } from './session-store.js';

/**
 * The pages' session, one concern: the session cookie names a live server-side session, which
 * stands for a principal (SessionPrincipals); the principal goes where the API's authentication
 * puts it (request.principal), so page controllers read it the same way. A bearer header means
 * nothing here. A page that is not @AnonymousPage() without a session is a 401, which the page
 * error answer turns into the sign-in page.
 */
@Injectable()
export class PageSessionGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(SessionPrincipals) private readonly principals: SessionPrincipals,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const session = this.sessions.find(cookieOf(request, SESSION_COOKIE));
    const principal = session === null ? null : this.principals.resolve(session);
    if (session !== null && principal === null) this.sessions.end(session);
    request.pageSession = principal === null ? null : session;
    request.principal = principal;
    const anonymous = this.reflector.getAllAndOverride<boolean | undefined>(ANONYMOUS_PAGE, [context.getHandler(), context.getClass()]) === true;
    if (principal === null && !anonymous) throw new UnauthenticatedError('Sign in to see this page.');
    return true;
  }
}

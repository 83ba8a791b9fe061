import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';
import { ForbiddenError } from '#core';
import { type FormBody, textOf } from '../platform/form-body.js';
import './page-request.js';
import { CSRF_IN_MULTIPART, SIGN_IN_FORM } from './page-access.decorators.js';
import { cookieOf, SIGN_IN_COOKIE } from './session-cookie.js';

/** The hidden field every page form carries. */
export const CSRF_FIELD = '_csrf';

const refused = () =>
  new ForbiddenError(
    'This form could not be accepted: it did not come from this service, or it was opened before you signed in again. Go back, reload the page and try again.',
    'PAGE.CSRF_REFUSED',
  );

const same = (a: string, b: string | undefined): boolean => {
  if (b === undefined || a === '' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
};

/**
 * CSRF protection for every page form, one concern. The synchroniser token pattern: each session
 * holds a random token (made with it, kept server-side, ended with it) that every form carries in a
 * hidden field; a POST without the session's token is refused (403) before the handler runs. The
 * sign-in form, sent before there is a session, carries the token of a short-lived HTTP-only
 * cookie instead (double submit), so nobody can be signed in as someone else from another site.
 * Beside the token, a POST whose Origin is another site's, or that the browser marks cross-site,
 * is refused too. SameSite=Lax on the session cookie is a third layer, not the defence.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'POST') return true;
    if (this.reflector.get<boolean | undefined>(CSRF_IN_MULTIPART, context.getHandler()) === true) return true;
    const signInForm = this.reflector.get<boolean | undefined>(SIGN_IN_FORM, context.getHandler()) === true;
    assertCsrf(request, textOf(request.body as FormBody | undefined, CSRF_FIELD), signInForm);
    return true;
  }
}

/** The check itself, also called by the multipart upload once it has read the token field. */
export function assertCsrf(request: FastifyRequest, token: string, signInForm = false): void {
  if (!sameOrigin(request)) throw refused();
  const expected = signInForm ? cookieOf(request, SIGN_IN_COOKIE) : request.pageSession?.csrfToken;
  if (!same(token, expected)) throw refused();
}

function sameOrigin(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `${request.protocol}://${request.host}`;
}

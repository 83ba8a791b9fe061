import { randomBytes } from 'node:crypto';
import { Controller, Get, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { AuthFailureLimiter, Public } from '#http';
import { isPagePath } from '#web';
import { PageQuery, type PageQueryValues } from '../platform/page-query.js';
import { formProblem } from '../platform/form-errors.js';
import { type FormBody, textOf } from '../platform/form-body.js';
import { PageReply } from '../platform/page-reply.js';
import { CsrfGuard } from '../session/csrf.guard.js';
import { AnonymousPage, SignInForm } from '../session/page-access.decorators.js';
import { PageSessionGuard } from '../session/page-session.guard.js';
import { clearCookie, cookieOf, SESSION_COOKIE, setCookie, SIGN_IN_COOKIE } from '../session/session-cookie.js';
import { SessionPrincipals } from '../session/session-principals.js';
import { SessionStore } from '../session/session-store.js';
import { WorkQueuePage } from './work-queue-page.js';

/** Where to go after signing in: a page of ours, never another site (`//elsewhere`). */
const safeNext = (next: string | undefined): string => (next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') && isPagePath(next) ? next : '/');

/** `/`: the sign-in page, or once signed in the person's work queue; signing in and out. */
@Controller()
@Public()
@ApiExcludeController()
@UseGuards(PageSessionGuard, CsrfGuard)
export class HomeController {
  private readonly failures = new AuthFailureLimiter();

  constructor(
    @Inject(PageReply) private readonly page: PageReply,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(SessionPrincipals) private readonly principals: SessionPrincipals,
    @Inject(WorkQueuePage) private readonly workQueue: WorkQueuePage,
  ) {}

  @Get()
  @AnonymousPage()
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @PageQuery() query: PageQueryValues): Promise<void> {
    if (!request.principal) return this.signInPage(request, reply, typeof query['next'] === 'string' ? query['next'] : undefined);
    this.page.render(request, reply, 'pages/work-queue.njk', { pageTitle: 'Your work', section: '/' }, await this.workQueue.model(request.principal));
  }

  @Post('sign-in')
  @AnonymousPage()
  @SignInForm()
  async signIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = request.body as FormBody;
    const token = textOf(body, 'token').trim();
    const next = safeNext(textOf(body, 'next'));
    const retryAfter = this.failures.retryAfterSeconds(request.ip);
    const signedIn = token === '' || retryAfter !== null ? null : await this.principals.signIn(token);
    if (signedIn === null) {
      if (token !== '' && retryAfter === null) this.failures.recordFailure(request.ip);
      const message =
        retryAfter !== null ? `Too many wrong tokens from this address. Try again in ${retryAfter} seconds.` : token === '' ? 'Enter your token' : 'That token is not valid: check it and try again';
      return this.signInPage(request, reply, next, message, retryAfter === null ? 400 : 429);
    }
    // A fresh session for every sign-in: an id someone else knew before (fixation) is worth nothing.
    if (request.pageSession) this.sessions.end(request.pageSession);
    const { sessionId } = this.sessions.create(signedIn.principal.personId, signedIn.credential);
    setCookie(request, reply, SESSION_COOKIE, sessionId);
    clearCookie(request, reply, SIGN_IN_COOKIE);
    this.page.redirect(reply, next);
  }

  @Post('sign-out')
  @AnonymousPage()
  signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    if (request.pageSession) this.sessions.end(request.pageSession);
    clearCookie(request, reply, SESSION_COOKIE);
    request.principal = null;
    request.pageSession = null;
    this.signInPage(request, reply, undefined, undefined, 200, 'You have signed out.');
  }

  private signInPage(request: FastifyRequest, reply: FastifyReply, next: string | undefined, error?: string, status = 200, signedOut?: string): void {
    // The sign-in form's CSRF token: the same random value in a short-lived cookie and the form.
    const token = cookieOf(request, SIGN_IN_COOKIE) ?? randomBytes(32).toString('base64url');
    setCookie(request, reply, SIGN_IN_COOKIE, token, { maxAge: 3600, sameSite: 'strict' });
    const errors = error ? formProblem(error, 'token') : null;
    this.page.render(
      request,
      reply,
      'pages/sign-in.njk',
      { pageTitle: 'Sign in' },
      { signInToken: token, next: safeNext(next), errorSummary: errors?.summary ?? [], tokenError: error ?? null, signedOut: signedOut ?? null },
      status,
    );
  }
}

import { parse, serialize, type SerializeOptions } from 'cookie';
import { type FastifyReply, type FastifyRequest } from 'fastify';

/** The session's cookie: an id, nothing else. */
export const SESSION_COOKIE = 'compact_session';
/** The sign-in form's double-submit token: the one form that is sent before there is a session. */
export const SIGN_IN_COOKIE = 'compact_sign_in';

/**
 * HTTP-only (no script reads it), SameSite=Lax (sent when someone follows a link here, never on
 * another site's form post or fetch), Secure whenever the request came over TLS, which behind a
 * proxy Fastify reads from X-Forwarded-Proto only with TRUST_PROXY. No Max-Age for the session: it
 * ends with the browser, and earlier on the server (idle and absolute limits).
 */
function cookieOptions(request: FastifyRequest, extra: SerializeOptions = {}): SerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', path: '/', ...extra };
}

export function cookieOf(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string' || header.length > 8192) return undefined;
  return parse(header)[name];
}

export function setCookie(request: FastifyRequest, reply: FastifyReply, name: string, value: string, extra: SerializeOptions = {}): void {
  // Fastify adds each Set-Cookie to those already set.
  reply.header('set-cookie', serialize(name, value, cookieOptions(request, extra)));
}

export function clearCookie(request: FastifyRequest, reply: FastifyReply, name: string): void {
  setCookie(request, reply, name, '', { maxAge: 0 });
}

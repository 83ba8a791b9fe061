import { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { isPagePath, pageErrorAnswer } from '#web';
import { CORRELATION_ID_HEADER } from './correlation/correlation-id.js';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemTypeOf } from './problem-details.js';

/** What Fastify's router refuses before any route (and so before Nest's exception filter) runs. */
const ANSWERS: Readonly<Record<string, { readonly status: number; readonly title: string; readonly code: string; readonly detail: string }>> = {
  FST_ERR_BAD_URL: { status: 400, title: 'Bad Request', code: 'REQUEST.BAD_URL', detail: 'The URL is not valid (a malformed percent-encoding?).' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, title: 'URI Too Long', code: 'REQUEST.PARAMETER_TOO_LONG', detail: 'A path parameter is longer than any id this API gives out.' },
};
const OTHERWISE = { status: 400, title: 'Bad Request', code: 'REQUEST.INVALID', detail: 'The request could not be routed.' };

/**
 * Fastify's `frameworkErrors` handler: the router's own refusals leave as problem+json like every
 * other error, instead of Fastify's default JSON (which also echoes the whole URL back); on a web
 * page's path, as the same friendly HTML page the exception filter gives.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const answer = ANSWERS[error.code] ?? OTHERWISE;
  if (isPagePath(request.url)) {
    const page = pageErrorAnswer(answer, request, request.id);
    void reply.code(page.status).header(CORRELATION_ID_HEADER, request.id).headers(page.headers).send(page.body);
    return;
  }
  const body: ProblemDetails = {
    type: problemTypeOf(answer.code),
    title: answer.title,
    status: answer.status,
    detail: answer.detail,
    code: answer.code,
    correlationId: request.id,
  };
  void reply
    .code(answer.status)
    .header(CORRELATION_ID_HEADER, request.id)
    .header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
    .send(JSON.stringify(body));
}

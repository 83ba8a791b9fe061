import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  AppError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  NotAllowedInStateError,
  NotFoundError,
  RuleViolationError,
  StaleRevisionError,
  StorageFullError,
  UnauthenticatedError,
  ValidationError,
} from '#core';
import { EventStoreClosedError, EventStoreUnavailableError } from '#event-store';
import { isPagePath, pageErrorAnswer } from '#web';
import { IdempotentReplay } from './idempotency/idempotency.guard.js';
import { PROBLEM_CONTENT_TYPE, ProblemException, type ProblemDetails, type ProblemInit, problemTypeOf } from './problem-details.js';

interface Answer extends ProblemInit {
  readonly status: number;
  /** Server faults are logged with their stack; client errors are not (the access log has them). */
  readonly log?: boolean;
}

const GENERIC_500_DETAIL = 'Something went wrong on our side. Quote the correlation id if you report it.';

/** Fastify's own request errors, given stable codes of ours instead of FST_ names. */
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST.MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST.EMPTY_JSON_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST.BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST.INVALID_CONTENT_LENGTH',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

/**
 * The one place where errors become HTTP answers: every error, from a guard, a pipe, a handler,
 * Fastify's body parser or the router's not-found handler, leaves as application/problem+json.
 * Each class of the error family maps to one status here and nowhere else. A request for a web
 * page (by its path: isPagePath) gets the same answer as a friendly HTML page instead.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<{ id?: unknown; raw?: { id?: unknown }; routeOptions?: { bodyLimit?: number } }>();
    const response = http.getResponse<unknown>();
    const adapter = this.adapterHost.httpAdapter;
    if (exception instanceof IdempotentReplay) {
      // Not an error: the first response to this Idempotency-Key, given again (idempotency.guard.ts).
      if (adapter.isHeadersSent(response)) return;
      const { status, headers, body } = exception.answer;
      for (const [name, value] of Object.entries(headers)) adapter.setHeader(response, name, value);
      adapter.reply(response, body, status);
      return;
    }
    const answer = answerFor(exception, request.routeOptions?.bodyLimit);
    const correlationId = stringOrUndefined(request.id) ?? stringOrUndefined(request.raw?.id);

    // The request's log context (logger-context.ts) already carries the correlation id.
    if (answer.log) this.logger.error(exception instanceof Error ? exception : String(exception));
    if (adapter.isHeadersSent(response)) return;

    const url = String(adapter.getRequestUrl(request) ?? '');
    const path = url.split('?')[0] ?? '';
    if (isPagePath(url)) {
      const page = pageErrorAnswer(answer, { method: String((request as { method?: unknown }).method ?? 'GET'), url }, correlationId);
      const retryAfter = answer.headers?.['retry-after'];
      for (const [name, value] of Object.entries({ ...(retryAfter && { 'retry-after': retryAfter }), ...page.headers })) adapter.setHeader(response, name, value);
      adapter.reply(response, page.body, page.status);
      return;
    }
    const body: ProblemDetails = {
      type: problemTypeOf(answer.code),
      title: answer.title,
      status: answer.status,
      detail: answer.detail,
      code: answer.code,
      instance: path,
      ...(correlationId === undefined ? {} : { correlationId }),
      ...answer.extensions,
    };
    for (const [name, value] of Object.entries(answer.headers ?? {})) adapter.setHeader(response, name, value);
    adapter.setHeader(response, 'content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    adapter.reply(response, body, answer.status);
  }
}

/** `bodyLimit`: the route's, for a 413. */
function answerFor(exception: unknown, bodyLimit?: number): Answer {
  if (exception instanceof AppError) return answerForAppError(exception);
  if (exception instanceof ProblemException) return { status: exception.getStatus(), ...exception.problem, log: exception.getStatus() >= 500 };
  if (exception instanceof HttpException) return answerForHttpException(exception, bodyLimit);
  if (exception instanceof EventStoreClosedError) return serviceUnavailable('The server is shutting down. Try again shortly.', 'SERVICE.SHUTTING_DOWN');
  if (exception instanceof EventStoreUnavailableError) {
    // Logged: an operator needs to know the store is unreachable; the client only that it may retry.
    return serviceUnavailable(
      'The event store cannot be reached just now. Try again shortly; a retry with the same Idempotency-Key is safe.',
      'SERVICE.EVENT_STORE_UNAVAILABLE',
      true,
    );
  }
  // The client went away before its body had arrived (or was cut off as too slow): nobody reads
  // this answer, but it is the client's fault, not a server error to log.
  if (isRequestAborted(exception)) {
    return { status: 400, title: 'Bad Request', detail: 'The request was cut off before its body had arrived.', code: 'REQUEST.ABORTED' };
  }
  return { status: 500, title: 'Internal server error', detail: GENERIC_500_DETAIL, code: 'SERVER.INTERNAL_ERROR', log: true };
}

/** Node's request stream fails with ECONNRESET "aborted" when the connection closes mid-body. */
function isRequestAborted(exception: unknown): boolean {
  const { code, message } = (exception ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ECONNRESET' || code === 'ECONNABORTED' || message === 'aborted';
}

function serviceUnavailable(detail: string, code: string, log = false): Answer {
  return { status: 503, title: 'Service unavailable', detail, code, headers: { 'retry-after': '5' }, log };
}

function answerForAppError(error: AppError): Answer {
  const { code } = error;
  const detail = error.message;
  if (error instanceof ValidationError) return { status: 400, title: 'Invalid request', detail, code, extensions: { errors: error.errors } };
  if (error instanceof UnauthenticatedError) {
    return { status: 401, title: 'Authentication required', detail, code, headers: { 'www-authenticate': 'Bearer' } };
  }
  if (error instanceof ForbiddenError) return { status: 403, title: 'Forbidden', detail, code };
  if (error instanceof NotFoundError) return { status: 404, title: 'Not found', detail, code };
  if (error instanceof NotAllowedInStateError) {
    // The contract says the detail names the state, whatever wording the raiser chose.
    const namesState = detail.includes(error.state) ? detail : `${detail} (current state: ${error.state})`;
    return {
      status: 409,
      title: 'Not allowed in the current state',
      detail: namesState,
      code,
      extensions: { state: error.state, allowed: error.allowed },
    };
  }
  if (error instanceof RuleViolationError) return { status: 409, title: 'Rule violated', detail, code };
  if (error instanceof StaleRevisionError) {
    return {
      status: 412,
      title: 'Stale revision',
      detail,
      code,
      extensions: { expectedRevision: error.expected, currentRevision: error.actual },
    };
  }
  if (error instanceof IdempotencyKeyReusedError) return { status: 422, title: 'Idempotency key reused', detail, code };
  if (error instanceof StorageFullError) {
    // Logged: an operator must free space; the client only needs to know nothing was written.
    return { status: 507, title: 'Insufficient storage', detail, code, extensions: { store: error.store, reason: error.reason }, headers: { 'retry-after': '60' }, log: true };
  }
  // A new member of the family without a mapping is our bug: answer 500 and log it loudly.
  return { status: 500, title: 'Internal server error', detail: GENERIC_500_DETAIL, code: 'SERVER.INTERNAL_ERROR', log: true };
}

function answerForHttpException(exception: HttpException, bodyLimit: number | undefined): Answer {
  const status = exception.getStatus();
  const reason = STATUS_CODES[status] ?? 'Error';
  const fastifyCode = fastifyCodeOf(exception.cause);
  const code = (fastifyCode && FASTIFY_CODES[fastifyCode]) ?? `HTTP.${reason.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
  if (status >= 500) return { status, title: reason, detail: GENERIC_500_DETAIL, code, log: true };
  const extensions = fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE' && bodyLimit !== undefined ? { limitBytes: bodyLimit } : undefined;
  return { status, title: reason, detail: messageOf(exception), code, ...(extensions && { extensions }) };
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function fastifyCodeOf(cause: unknown): string | undefined {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('FST_') ? code : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

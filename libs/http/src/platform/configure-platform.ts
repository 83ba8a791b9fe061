import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction } from 'fastify';
import { applyRevisionETags } from './concurrency/revision-etag.js';
import { CORRELATION_ID_HEADER } from './correlation/correlation-id.js';
import { IdempotencyGuard } from './idempotency/idempotency.guard.js';
import { serializeJson } from './json-reply-serializer.js';
import { recordHttpMetrics } from './observability/http-metrics.hook.js';
import { bindRequestLoggers } from './observability/logger-context.js';
import { PlatformMetrics } from './observability/metrics.js';
import { type ApiInfo, serveOpenApi } from './openapi/openapi.js';
import { answerUnmetExpectation } from './client-error-handler.js';
import { refuseWhileClosing } from './refuse-while-closing.js';
import { requireHost } from './require-host.js';
import { assertBodyShape } from './security/body-shape.js';
import { applyRouteBodyLimits } from './security/body-limit.js';
import { HELMET_OPTIONS } from './security/helmet-options.js';
import { applySecurityHeaders, securityHeadersOf } from './security/security-headers.js';

/**
 * The Fastify-level half of the platform, which a Nest module cannot reach: serializer, body
 * parsers, hooks, security headers and the API docs. Call after NestFactory.create and before
 * init/listen (create the app with `bodyParser: false`, so that JSON is the only body type).
 */
export async function configurePlatform(app: NestFastifyApplication, info: ApiInfo): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // First, so that every later hook, guard, handler and filter logs in the request's context.
  bindRequestLoggers(fastify);

  fastify.setReplySerializer((payload) => serializeJson(payload));
  // JSON only: Fastify would also hand text/plain bodies to handlers as strings. Others get 415.
  fastify.removeContentTypeParser(['text/plain']);

  refuseWhileClosing(fastify);
  requireHost(fastify);
  fastify.server.on('checkExpectation', answerUnmetExpectation);
  // Each route reads only as much body as it takes; Nest registers the routes later, in init().
  applyRouteBodyLimits(fastify);
  applyRevisionETags(fastify);
  // Before guards, interceptors and pipes: they walk the body, some at a cost that grows fast with its shape.
  // Plain callback hooks, here and below: an async one costs a promise on every request. A throw is
  // passed on by Fastify as the hook's error, as a rejection would be.
  fastify.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    assertBodyShape(request.body);
    done();
  });
  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void => {
    reply.header(CORRELATION_ID_HEADER, request.id);
    done(null, payload);
  });
  // After the ETag and any other header is set, before anything is written: a repeat must find the answer kept.
  fastify.addHook('onSend', app.get(IdempotencyGuard).onSend);
  fastify.addHook('onResponse', recordHttpMetrics(app.get(PlatformMetrics)));

  applySecurityHeaders(fastify, securityHeadersOf(HELMET_OPTIONS));
  serveOpenApi(app, fastify, info);
}

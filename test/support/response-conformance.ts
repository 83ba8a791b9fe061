import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type OpenApiDocument, OpenApiConformance } from './openapi-conformance.js';
import { recordResponseViolations } from './response-violations.js';

/*
 * The test servers' answers, checked against their own /docs-json as they leave (see
 * openapi-conformance.ts). A nonconforming answer is recorded (response-violations.ts) and the
 * test that caused it fails: at once when it used api(), otherwise at its end (the afterEach in
 * response-conformance.setup.ts), or when the server closes.
 */

/** Documents seen in this test file, by their text: servers restarted on the same code share one. */
const conformanceByDocument = new Map<string, OpenApiConformance>();

export interface ResponseWatch {
  /** Call once the server listens: reads /docs-json, after which every answer is checked. */
  start(baseUrl: string): Promise<void>;
}

/** Adds the checking hook to the app's Fastify instance; call before listen(). */
export function watchResponses(app: NestFastifyApplication): ResponseWatch {
  let conformance: OpenApiConformance | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (conformance === undefined) return payload;
      const contentType = reply.getHeader('content-type');
      const problems = conformance.check({
        method: request.method,
        url: request.url,
        route: request.routeOptions.url,
        status: reply.statusCode,
        contentType: typeof contentType === 'string' ? contentType : undefined,
        body: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : undefined,
      });
      recordResponseViolations(problems);
      return payload;
    });
  return {
    async start(baseUrl: string) {
      const text = await (await fetch(`${baseUrl}/docs-json`)).text();
      conformance = conformanceByDocument.get(text);
      if (conformance === undefined) {
        conformance = new OpenApiConformance(JSON.parse(text) as OpenApiDocument);
        conformanceByDocument.set(text, conformance);
      }
    },
  };
}

import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type OpenApiDocument, OpenApiConformance } from './openapi-conformance.js';

/*
 * The test servers' answers, checked against their own /docs-json as they leave (see
 * openapi-conformance.ts). A nonconforming answer is recorded here; the test that caused it fails:
 * at once when it used api() (api-client.ts throws), otherwise at its end (the afterEach in
 * response-conformance.setup.ts), or when the server closes.
 */

const violations: string[] = [];
/** Documents seen in this test file, by their text: servers restarted on the same code share one. */
const conformanceByDocument = new Map<string, OpenApiConformance>();

/** The nonconforming answers recorded since the last call, and forgets them. */
export function takeResponseViolations(): string[] {
  return violations.splice(0, violations.length);
}

/** Throws one error naming every nonconforming answer recorded since the last check. */
export function throwOnResponseViolations(): void {
  const found = takeResponseViolations();
  if (found.length > 0) {
    throw new Error(`The server answered outside its OpenAPI document (/docs-json):\n- ${found.join('\n- ')}`);
  }
}

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
      violations.push(...problems);
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

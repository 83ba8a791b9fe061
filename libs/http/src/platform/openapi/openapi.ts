import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type FastifyInstance } from 'fastify';
import { OPENAPI_PUBLIC_EXTENSION } from '../auth/public.decorator.js';
import { PROBLEM_SCHEMA, PROBLEM_SCHEMA_NAME } from './problem-schema.js';
import { serveSwaggerUi } from './swagger-ui.js';

/** What the document says about the service; the app takes it from package.json. */
export interface ApiInfo {
  readonly title: string;
  readonly description: string;
  readonly version: string;
}

export const DOCS_PATH = '/docs';
export const DOCS_JSON_PATH = '/docs-json';
export const BEARER_SCHEME = 'bearer';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The OpenAPI 3 document, generated from the controllers: bearer auth required everywhere except
 * on @Public() operations, and a shared Problem schema for every error response.
 */
export function createOpenApiDocument(app: INestApplication, info: ApiInfo): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A person\'s token, or BOOTSTRAP_ADMIN_TOKEN.' }, BEARER_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA } };
  markPublicOperations(document);
  return document;
}

/** Serves the document at /docs-json and Swagger UI at /docs, outside the guards (both are public). */
export function serveOpenApi(app: INestApplication, fastify: FastifyInstance, info: ApiInfo): void {
  // Built on first request, once every controller (including later-registered ones) is known.
  let document: OpenAPIObject | undefined;
  SwaggerModule.setup(DOCS_PATH.slice(1), app, () => (document ??= createOpenApiDocument(app, info)), {
    ui: false,
    raw: ['json'],
    jsonDocumentUrl: DOCS_JSON_PATH.slice(1),
  });
  serveSwaggerUi(fastify, { path: DOCS_PATH, documentUrl: DOCS_JSON_PATH, title: info.title });
}

function markPublicOperations(document: OpenAPIObject): void {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as (Record<string, unknown> & { security?: unknown }) | undefined;
      if (operation?.[OPENAPI_PUBLIC_EXTENSION] !== true) continue;
      delete operation[OPENAPI_PUBLIC_EXTENSION];
      operation.security = [];
    }
  }
}

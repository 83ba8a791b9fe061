import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type FastifyInstance } from 'fastify';
import { applyPlatformRules } from './operation-rules.js';
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

/**
 * The OpenAPI 3 document, generated from the controllers: bearer auth required everywhere except
 * on @Public() operations, a shared Problem schema for every error response, and the platform's
 * own rules (operation-rules.ts) written into every operation they apply to. The server is the
 * origin the document is read from (`/`), wherever it is deployed.
 */
export function createOpenApiDocument(app: INestApplication, info: ApiInfo): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .addServer('/', 'This server (the origin the document was read from).')
    .addTag('disputes', 'Raise a dispute and read cases: the case now, its history, a replay, the list, the work queue.')
    .addTag('dispute commands', 'One command on a case: POST /disputes/{id}/{command}, as process.md allows.')
    .addTag('directory', 'The signatories and the people who act in the process.')
    .addTag('reports', 'The Compact annual report (Compact 5.1–5.3): the CDG edition and the public one.')
    .addTag('pages', 'What the web pages need besides their HTML: their stylesheets.')
    .addTag('admin', 'Read model administration.')
    .addTag('audit', 'Integrity checks for auditors: the hash chain verified, signed checkpoints, the read models checked against the log.')
    .addTag('operations', 'Health and metrics, for probes and monitoring.')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        // Not a JWT: an opaque random string, stored only as its hash.
        bearerFormat: 'opaque',
        description: 'A person\'s token, as POST /people answered it once (an opaque string, not a JWT), or BOOTSTRAP_ADMIN_TOKEN.',
      },
      BEARER_SCHEME,
    )
    .addSecurityRequirements(BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA } };
  applyPlatformRules(document);
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

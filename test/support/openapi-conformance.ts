import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { isPagePath } from '#web';

/*
 * Every response a test server gives is checked against the server's own /docs-json: the status
 * must be documented for the operation, the content type among that status's media types, and a
 * JSON body must match the schema. Objects are checked closed (a property the document does not
 * list is an error), although the document leaves response objects open so that clients tolerate
 * fields added later: the check makes sure the document lists everything the server sends today.
 */

/** One answer as the server sends it (from Fastify's onSend hook). */
export interface Exchange {
  readonly method: string;
  /** The request URL, for the message. */
  readonly url: string;
  /** Fastify's route pattern (`/disputes/:id`), or undefined when no route matched. */
  readonly route: string | undefined;
  readonly status: number;
  readonly contentType: string | undefined;
  /** The payload, when it is text or bytes (streams are not read). */
  readonly body: string | Buffer | undefined;
}

interface MediaType {
  readonly schema?: Schema;
}
interface Response {
  readonly content?: Record<string, MediaType>;
}
interface Operation {
  readonly operationId?: string;
  readonly responses: Record<string, Response>;
}
type Schema = Record<string, unknown>;
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components?: { readonly schemas?: Record<string, Schema> };
}

/** Served beside the API, outside the document: Swagger UI and the document itself. */
const DOCS_ROUTES = /^\/docs(?:-json|\/|$)/;
/** What the router itself answers for a request no operation takes (unknown path, bad URL). */
const UNROUTED_STATUSES = new Set([400, 404, 405, 414]);
const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const COMPONENTS_ID = 'openapi-components';

export class OpenApiConformance {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
    // ajv-formats is CommonJS: its plugin is the module's default export, under ESM and under TypeScript alike.
    ajvFormats.default(this.ajv);
    // OpenAPI 3.0's annotations that are not JSON Schema keywords (`nullable` Ajv knows).
    this.ajv.addVocabulary(['example', 'xml', 'externalDocs']);
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: asJsonSchema(document.components?.schemas ?? {}) });
  }

  /** The problems with one answer, each a full sentence; empty when it conforms. */
  check(exchange: Exchange): string[] {
    const path = exchange.route?.replace(/:(\w+)/g, '{$1}');
    if (path !== undefined && DOCS_ROUTES.test(path)) return [];
    // The web pages are served beside the API and answer HTML, not described by the document (page-paths.ts).
    if (isPagePath(exchange.url)) return [];
    const method = exchange.method.toLowerCase() === 'head' ? 'get' : exchange.method.toLowerCase();
    const operation = path === undefined ? undefined : this.document.paths[path]?.[method];
    const request = `${exchange.method} ${exchange.url}`;

    if (operation === undefined) return this.checkUnrouted(exchange, request, path);

    const name = `${operation.operationId ?? '(no operationId)'} (${method.toUpperCase()} ${path})`;
    const statusKey = [String(exchange.status), `${String(exchange.status)[0]}XX`, 'default'].find((key) => key in operation.responses);
    if (statusKey === undefined) {
      return [`${request} answered ${exchange.status}, which ${name} does not document (it documents ${Object.keys(operation.responses).join(', ')}).`];
    }
    return this.checkContent(exchange, `${name} ${statusKey}`, request, operation.responses[statusKey] ?? {}, `${path}:${method}:${statusKey}`);
  }

  private checkUnrouted(exchange: Exchange, request: string, path: string | undefined): string[] {
    if (path !== undefined && !UNROUTED_STATUSES.has(exchange.status)) {
      return [`${request} answered ${exchange.status} from route ${exchange.method} ${path}, which no operation in /docs-json documents.`];
    }
    if (!UNROUTED_STATUSES.has(exchange.status)) return [`${request} matched no route yet answered ${exchange.status}.`];
    const problem = { content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } } };
    return this.checkContent(exchange, `the router's ${exchange.status}`, request, problem, `unrouted`);
  }

  private checkContent(exchange: Exchange, where: string, request: string, response: Response, key: string): string[] {
    const text = exchange.body === undefined ? '' : exchange.body.toString();
    const mediaType = exchange.contentType?.split(';')[0]?.trim().toLowerCase();
    const content = response.content ?? {};
    if (Object.keys(content).length === 0) {
      return text === '' ? [] : [`${request}: ${where} documents no body, but the answer has one (${mediaType ?? 'no content type'}).`];
    }
    // The exact type, else a documented range (`application/*`, `*/*`), as OpenAPI allows.
    const media = mediaType === undefined ? undefined : (content[mediaType] ?? content[`${mediaType.split('/')[0]}/*`] ?? content['*/*']);
    if (media === undefined) {
      return [`${request}: ${where} documents ${Object.keys(content).join(', ')}, but the answer is ${mediaType ?? 'without a content type'}.`];
    }
    if (media.schema === undefined || !/[/+]json$/.test(mediaType ?? '')) return [];
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return [`${request}: ${where} is ${mediaType}, but the body is not JSON: ${text.slice(0, 200)}`];
    }
    let validate: ValidateFunction;
    try {
      validate = this.validatorFor(`${key}:${mediaType}`, media.schema);
    } catch (error) {
      return [`${request}: ${where} ${mediaType}: the documented schema cannot be compiled (${(error as Error).message})`];
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${request}: ${where} ${mediaType}: ${describe(error)}`);
  }

  private validatorFor(key: string, schema: Schema): ValidateFunction {
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile(asJsonSchema(schema));
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

/** "body/deadlines/0/dueOn must match format "date"", naming the place in the body. */
function describe(error: ErrorObject): string {
  const at = `body${error.instancePath}`;
  if (error.keyword === 'additionalProperties') {
    return `${at}/${String((error.params as { additionalProperty: string }).additionalProperty)} is sent but not documented`;
  }
  const allowed = error.keyword === 'enum' ? ` (${JSON.stringify((error.params as { allowedValues: unknown }).allowedValues)})` : '';
  return `${at} ${error.message ?? 'is invalid'}${allowed}`;
}

/** An OpenAPI 3.0 schema as the JSON Schema Ajv checks: references rewritten, `nullable` honoured, objects closed. */
function asJsonSchema<T>(schema: T): T {
  return closed(nullables(rewriteRefs(schema)));
}

/**
 * `nullable: true` beside a plain `type` Ajv understands; beside a reference or a composition (how
 * Nest writes a nullable object) it means "or null", which JSON Schema says with anyOf.
 */
function nullables<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => nullables(item)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const schema = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === 'example' ? inner : nullables(inner)])) as Record<string, unknown>;
  const composed = ['$ref', 'allOf', 'anyOf', 'oneOf'].some((keyword) => keyword in schema);
  if (schema.nullable !== true || !composed) return schema as T;
  const { nullable: _nullable, description, ...rest } = schema;
  return { ...(description !== undefined && { description }), anyOf: [rest, { type: 'null' }] } as T;
}

/** `#/components/schemas/X` → the shared components schema's `$defs/X`. */
function rewriteRefs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, inner: unknown) =>
    key === '$ref' && typeof inner === 'string' ? inner.replace('#/components/schemas/', `${COMPONENTS_ID}#/$defs/`) : inner,
  ) as T;
}

/** Every object schema that lists properties and says nothing of others is checked closed. */
function closed<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => closed(item)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([key, inner]) => [key, key === 'example' ? inner : closed(inner)] as const);
  const schema = Object.fromEntries(entries) as Record<string, unknown>;
  if (typeof schema.properties === 'object' && !('additionalProperties' in schema)) schema.additionalProperties = false;
  return schema as T;
}

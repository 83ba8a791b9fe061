import { type OpenAPIObject, type OperationObject, type ParameterObject, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-key.js';
import { OPENAPI_PUBLIC_EXTENSION } from '../auth/public.decorator.js';
import { OPENAPI_ROLES_EXTENSION } from '../auth/roles.decorator.js';
import { IDEMPOTENCY_KEY_API_HEADER } from './platform-headers.js';
import { problemResponse } from './problem-schema.js';

/*
 * What the platform does to every request, written once into every operation it applies to, so
 * the document says what the server enforces without each controller restating it:
 * - the authentication guard runs on every route: a bad token is a 401 (public routes too), and an
 *   address with too many failures gets 429;
 * - @Roles routes answer 403 to other roles, and name the roles;
 * - a validated body, query or header can be a 400; a body can be too large (413) or not JSON (415);
 * - any request can be malformed HTTP (400), and a POST can find the disk full (507);
 * - If-Match can be stale (412); Idempotency-Key (taken on every POST) can be reused with another body (422) or repeated
 *   while the first request still runs (409);
 * - an unknown id in the path is a 404;
 * - the global validation pipe refuses unknown fields: every request body schema is closed.
 */

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const IF_MATCH = 'if-match';

/** Every operation of the document, with its path and method. */
export function* operationsOf(document: OpenAPIObject): Generator<{ path: string; method: string; operation: OperationObject }> {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation) yield { path, method, operation };
    }
  }
}

/** Applies the platform's rules to every operation of a generated document (in place). */
export function applyPlatformRules(document: OpenAPIObject): void {
  for (const { method, operation } of operationsOf(document)) {
    markPublic(operation);
    if (method === 'post') addIdempotencyKey(operation);
    addStandardProblems(operation, method);
  }
  closeRequestBodies(document);
}

function markPublic(operation: OperationObject): void {
  const extensions = operation as unknown as Record<string, unknown>;
  if (extensions[OPENAPI_PUBLIC_EXTENSION] !== true) return;
  delete extensions[OPENAPI_PUBLIC_EXTENSION];
  operation.security = [];
}

/** The idempotency guard takes the header on every POST, whether the controller mentions it or not. */
function addIdempotencyKey(operation: OperationObject): void {
  const parameters = (operation.parameters ??= []);
  const named = (p: (typeof parameters)[number]) => !('$ref' in p) && p.in === 'header' && p.name.toLowerCase() === IDEMPOTENCY_KEY_HEADER;
  if (!parameters.some(named)) parameters.push({ in: 'header', ...IDEMPOTENCY_KEY_API_HEADER } as ParameterObject);
}

function addStandardProblems(operation: OperationObject, method: string): void {
  const parameters = (operation.parameters ?? []).filter((p): p is ParameterObject => !('$ref' in p));
  const has = (location: string, name?: string) => parameters.some((p) => p.in === location && (name === undefined || p.name.toLowerCase() === name));
  const roles = (operation as unknown as Record<string, unknown>)[OPENAPI_ROLES_EXTENSION] as string[] | undefined;

  const add = (status: number, description?: string) => {
    operation.responses[status] ??= problemResponse(status, description);
  };
  // A validated body, query or header can be refused; any request can be malformed HTTP (no Host header).
  add(400, operation.requestBody !== undefined || has('query') || has('header') ? undefined : 'Malformed request (an HTTP/1.1 request without a Host header).');
  add(401, operation.security?.length === 0 ? 'The bearer token sent is not valid (none is needed here; a bad one is still refused).' : undefined);
  if (roles !== undefined) {
    add(403, `Only ${roles.join(', ')} may call this.`);
    operation.description = [operation.description, `Roles: ${roles.join(', ')}.`].filter(Boolean).join('\n\n');
  }
  if (has('path')) add(404);
  if (has('header', IDEMPOTENCY_KEY_HEADER)) {
    add(409, 'A request with the same Idempotency-Key is still running.');
    add(422);
  }
  if (has('header', IF_MATCH)) add(412);
  if (operation.requestBody !== undefined) {
    add(413);
    add(415);
  }
  add(429);
  // Any request may find the store unreachable or the server going down.
  add(503);
  // Any write may find the disk full (the store's, the idempotency records', the evidence files').
  if (method === 'post') add(507);
}

/** Request bodies refuse unknown fields (RequestValidationPipe: whitelist, forbidNonWhitelisted). */
function closeRequestBodies(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const seen = new Set<SchemaObject>();
  const close = (schema: SchemaObject | ReferenceObject | undefined): void => {
    if (schema === undefined) return;
    if ('$ref' in schema) {
      close(schemas[schema.$ref.replace('#/components/schemas/', '')]);
      return;
    }
    if (seen.has(schema)) return;
    seen.add(schema);
    if (schema.type === 'object' || schema.properties !== undefined) schema.additionalProperties ??= false;
    for (const inner of Object.values(schema.properties ?? {})) close(inner);
    for (const inner of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) close(inner);
    if (schema.items !== undefined) close(schema.items);
  };
  for (const { operation } of operationsOf(document)) {
    const body = operation.requestBody;
    if (body === undefined || '$ref' in body) continue;
    for (const media of Object.values(body.content)) close(media.schema);
  }
}

import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type ContentObject, type ResponseObject, type SchemaObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem-details.js';

export const PROBLEM_SCHEMA_NAME = 'Problem';

/** RFC 9457 problem details as we send them; registered once under components.schemas.Problem. */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri-reference', description: 'Identifies the problem type; one per code.' },
    title: { type: 'string', description: 'Short summary of the problem type.' },
    status: { type: 'integer', description: 'The HTTP status code.' },
    detail: { type: 'string', description: 'What went wrong with this request, for humans.' },
    code: { type: 'string', description: 'Stable code to switch on, e.g. DISPUTE.NOT_ALLOWED_IN_STATE.' },
    instance: { type: 'string', description: 'The request path.' },
    correlationId: { type: 'string', description: 'Echo of X-Correlation-Id; quote it when reporting a problem.' },
    errors: {
      type: 'array',
      description: 'Validation problems (400), one per field; nested fields are dotted (dates.noticeReceived).',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    state: { type: 'string', description: 'The case state that does not allow the command (409).' },
    allowed: { type: 'array', items: { type: 'string' }, description: 'The commands allowed in that state (409).' },
    store: { type: 'string', description: 'The store whose disk is full (507): event store, idempotency records, evidence files.' },
    reason: { type: 'string', description: 'Its driver\'s word for it (507): SQLITE_FULL, ENOSPC or EDQUOT.' },
  },
  additionalProperties: true,
};

/** A response body that is a Problem, for @ApiResponse({ content }). */
export const problemContent: ContentObject = {
  [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` } },
};

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Malformed or invalid input (unknown fields are refused).',
  401: 'No or bad bearer token.',
  403: 'The caller\'s role or case membership does not allow this.',
  404: 'Unknown id, or one the caller may not see.',
  409: 'Not allowed in the case\'s current state (`state`, `allowed`), or a process rule forbids it.',
  412: 'The If-Match revision is stale.',
  413: 'The body is larger than 15 MB.',
  415: 'The body is not JSON (send Content-Type: application/json).',
  422: 'The Idempotency-Key was used with a different request.',
  429: 'Too many failed authentications from this address: wait for Retry-After seconds.',
  503: 'The event store cannot be reached just now, or the server is shutting down: try again after Retry-After seconds (a retry with the same Idempotency-Key is safe).',
  507: 'The disk holding a store is full (`store`, `reason`): nothing was written; send it again once space is freed.',
};

/** Problem responses that come with headers of their own. */
const HEADERS: Readonly<Record<number, ResponseObject['headers']>> = {
  429: { 'Retry-After': { description: 'Seconds until this address may try again.', schema: { type: 'integer', minimum: 1 } } },
  503: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } } },
  507: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } } },
};

/** One problem response object, for the document's own rules (operation-rules.ts). */
export function problemResponse(status: number, description?: string): ResponseObject {
  const headers = HEADERS[status];
  return { description: description ?? DESCRIPTIONS[status] ?? 'A problem.', content: problemContent, ...(headers && { headers }) };
}

/** Documents the problem responses an operation can give, e.g. @ApiProblemResponses(400, 401, 404, 409). */
export const ApiProblemResponses = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })),
  );

import { applyDecorators, HttpCode, Post, type Type } from '@nestjs/common';
import { ApiBody, ApiHeaders, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { RevisionETag } from '../../platform/concurrency/revision-etag.js';
import { Roles } from '../../platform/auth/roles.decorator.js';
import { ApiProblemResponses } from '../../platform/openapi/problem-schema.js';
import { IDEMPOTENCY_KEY_API_HEADER, IF_MATCH_API_HEADER } from '../shared/api-headers.js';
import { CommandResultDto } from '../shared/responses.js';
import { EXAMPLE_IDS } from '../shared/examples.js';

interface PersonCommandDoc {
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly body: Type;
  /** Only when the answer carries more than `{ id, revision, position }`. */
  readonly response?: Type;
  /** Whether the body may be left out (a command that takes nothing). */
  readonly bodyRequired?: boolean;
}

/**
 * What every admin command on a person declares: `POST /people/{id}/<command>`, admin only, 200
 * with `{ id, revision, position }` and the person's revision as ETag (@RevisionETag), If-Match
 * and Idempotency-Key (the handler's WriteContext).
 */
export function PersonCommand(command: string, doc: PersonCommandDoc): MethodDecorator {
  return applyDecorators(
    Post(`:id/${command}`),
    Roles('admin'),
    HttpCode(200),
    RevisionETag(),
    ApiOperation({ operationId: doc.operationId, summary: `${doc.summary} (admin)`, description: doc.description }),
    ApiParam({ name: 'id', description: 'The person id, as POST /people answered it.', example: EXAMPLE_IDS.member }),
    ApiBody({ type: doc.body, required: doc.bodyRequired ?? true }),
    ApiHeaders([IF_MATCH_API_HEADER, IDEMPOTENCY_KEY_API_HEADER]),
    ApiOkResponse({
      type: doc.response ?? CommandResultDto,
      description: 'Applied: the person\'s new stream revision (also as ETag) and the global position of the event.',
      headers: { ETag: { description: '"<revision>": the person\'s new revision.', schema: { type: 'string' } } },
    }),
    ApiProblemResponses(400, 401, 403, 404, 409, 412, 422),
  );
}

import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiHeaders, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { type CaseCommandName, DISPUTE_COMMANDS } from '#domain';
import { ApiProblemResponses } from '../../platform/openapi/problem-schema.js';
import { RevisionETag } from '../../platform/concurrency/revision-etag.js';
import { BodyLimit } from '../../platform/security/body-limit.js';
import { IDEMPOTENCY_KEY_API_HEADER, IF_MATCH_API_HEADER, ON_BEHALF_API_HEADERS } from '../shared/api-headers.js';
import { EXAMPLE_IDS } from '../shared/examples.js';
import { CommandResultDto } from '../shared/responses.js';
import { EmptyBodyDto } from './command-dtos.js';

export interface CommandRouteOptions {
  /** The command takes nothing: `{}`, or no body at all (its handler's body is an EmptyBodyDto). */
  readonly noBody?: boolean;
  /** Bytes, when the body may be larger than BODY_LIMITS.standard. */
  readonly bodyLimit?: number;
}

/** `lodge-formal` → `lodgeFormal`: the handler's name and the operationId. */
export const operationIdOf = (command: string): string => command.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());

const CASE_ID_PARAM = { name: 'id', description: 'The case id.', example: EXAMPLE_IDS.case };

/**
 * `POST /disputes/{id}/<command>`: one case command. The route answers 200 with
 * `{ id, revision, position }` and the revision as ETag; /docs takes what it does and who sends it
 * from the command's rule in the domain (`summary`, `who.by`), and the body from the handler's
 * `@Body()` DTO, validated against it with unknown fields refused.
 */
export function CommandRoute(command: CaseCommandName, options: CommandRouteOptions = {}): MethodDecorator {
  const { summary, who } = DISPUTE_COMMANDS[command];
  const { by } = who;
  return applyDecorators(
    Post(`:id/${command}`),
    HttpCode(200),
    RevisionETag(),
    ...(options.bodyLimit === undefined ? [] : [BodyLimit(options.bodyLimit)]),
    ApiOperation({
      operationId: operationIdOf(command),
      summary: `${summary} (${by})`,
      description: `Sent by: ${by}. The machine decides: 403 when the caller may never send it on this case, 409 when the case's state does not allow it now (naming the state and the commands allowed), 400 when the body breaks a rule of the process. Answers the case's new revision (also as ETag) and the global position of its last event.`,
    }),
    ApiParam(CASE_ID_PARAM),
    // A command that takes nothing may be sent without a body at all.
    ...(options.noBody ? [ApiBody({ type: EmptyBodyDto, required: false })] : []),
    ApiHeaders([IF_MATCH_API_HEADER, IDEMPOTENCY_KEY_API_HEADER, ...ON_BEHALF_API_HEADERS]),
    ApiOkResponse({
      type: CommandResultDto,
      description: 'Applied.',
      headers: { ETag: { description: '"<revision>": the case\'s new revision.', schema: { type: 'string' } } },
    }),
    ApiProblemResponses(403, 409),
  );
}

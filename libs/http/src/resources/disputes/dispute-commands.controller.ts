import 'reflect-metadata';
import { applyDecorators, Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiExcludeEndpoint, ApiHeaders, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { type CaseCommandRequest, type CommandResult, type Principal, RunDisputeCommand, type WriteOptions } from '#application';
import { NotFoundError } from '#core';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { setETag } from '../../platform/concurrency/etag.js';
import { ExpectedRevision } from '../../platform/concurrency/expected-revision.decorator.js';
import { CorrelationId } from '../../platform/correlation/correlation-id.decorator.js';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator.js';
import { ApiProblemResponses } from '../../platform/openapi/problem-schema.js';
import { BODY_LIMITS, BodyLimit } from '../../platform/security/body-limit.js';
import { IDEMPOTENCY_KEY_API_HEADER, IF_MATCH_API_HEADER, ON_BEHALF_API_HEADERS } from '../shared/api-headers.js';
import { OnBehalfOf } from '../shared/on-behalf-of.js';
import { EXAMPLE_IDS } from '../shared/examples.js';
import { CommandResultDto } from '../shared/responses.js';
import { plain, writeOptions } from '../shared/write-options.js';
import { CASE_COMMAND_NAMES, type CaseCommandName, COMMAND_SPECS, type CommandSpec, EmptyBodyDto } from './command-dtos.js';

/**
 * `POST /disputes/{id}/{command}`: one explicit route per command, so each is validated against its
 * own body DTO (unknown fields refused) and /docs lists every command with its body. The routes are
 * made from COMMAND_SPECS below rather than written out thirty times; all of them run `execute`.
 * Any other command name is a 404 problem.
 */
@ApiTags('dispute commands')
@Controller('disputes')
export class DisputeCommandsController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  async execute(
    name: CaseCommandName,
    id: string,
    body: object,
    principal: Principal,
    expectedRevision: bigint | undefined,
    idempotencyKey: string | undefined,
    correlationId: string,
    onBehalfOf: WriteOptions['onBehalfOf'],
    reply: FastifyReply,
  ): Promise<CommandResult> {
    const options = writeOptions({ expectedRevision, idempotencyKey, correlationId, onBehalfOf });
    const result = await this.commands.execute(new RunDisputeCommand(principal, id, { name, payload: plain(body) } as CaseCommandRequest, options));
    setETag(reply, result.revision);
    return { id: result.id, revision: result.revision, position: result.position };
  }

  /** Static routes win over this one in Fastify's router, so it only sees names that are not commands. */
  @Post(':id/:command')
  @ApiExcludeEndpoint()
  unknownCommand(@Param('command') command: string): never {
    throw new NotFoundError(
      `There is no command called ${JSON.stringify(command.slice(0, 100))}. The commands are: ${CASE_COMMAND_NAMES.join(', ')}.`,
      'DISPUTE.UNKNOWN_COMMAND',
    );
  }
}

const CASE_ID_PARAM = { name: 'id', description: 'The case id.', example: EXAMPLE_IDS.case };

/** The commands whose bodies may be larger than BODY_LIMITS.standard; every other takes the standard. */
const LARGER_BODIES: Partial<Record<CaseCommandName, number>> = {
  'add-evidence': BODY_LIMITS.evidence,
  'agree-resolution': BODY_LIMITS.actionLists,
  'issue-findings': BODY_LIMITS.actionLists,
};

/** `lodge-formal` → `lodgeFormal`: the handler's name and the operationId. */
export const operationIdOf = (command: string): string => command.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** The route for one command: what `@Post(...) method(@Param('id') id, @Body() body: Dto, ...)` would declare. */
function defineCommandRoute(name: CaseCommandName, spec: CommandSpec): void {
  const prototype = DisputeCommandsController.prototype as unknown as Record<string, unknown>;
  const key = operationIdOf(name);
  const handler = function (this: DisputeCommandsController, ...args: unknown[]): Promise<CommandResult> {
    return (this.execute as (...all: unknown[]) => Promise<CommandResult>).call(this, name, ...args);
  };
  Object.defineProperty(handler, 'name', { value: key });
  Object.defineProperty(prototype, key, { value: handler, writable: true, configurable: true, enumerable: false });

  // The parameters in execute()'s order after the name, with the types the validation pipe reads.
  const parameters: [ParameterDecorator, unknown][] = [
    [Param('id'), String],
    [Body(), spec.dto],
    [CurrentPrincipal(), Object],
    [ExpectedRevision(), Object],
    [IdempotencyKey(), Object],
    [CorrelationId(), String],
    [OnBehalfOf(), Object],
    [Res({ passthrough: true }), Object],
  ];
  parameters.forEach(([decorate], index) => decorate(prototype, key, index));
  Reflect.defineMetadata('design:paramtypes', parameters.map(([, type]) => type), prototype, key);

  const descriptor = Object.getOwnPropertyDescriptor(prototype, key) as PropertyDescriptor;
  const bodyLimit = LARGER_BODIES[name];
  applyDecorators(
    Post(`:id/${name}`),
    HttpCode(200),
    ...(bodyLimit === undefined ? [] : [BodyLimit(bodyLimit)]),
    ApiOperation({
      operationId: key,
      summary: `${spec.summary} (${spec.by})`,
      description: `Sent by: ${spec.by}. The machine decides: 403 when the caller may never send it on this case, 409 when the case's state does not allow it now (naming the state and the commands allowed), 400 when the body breaks a rule of the process. Answers the case's new revision (also as ETag) and the global position of its last event.`,
    }),
    ApiParam(CASE_ID_PARAM),
    // A command that takes nothing may be sent without a body at all.
    ApiBody({ type: spec.dto, required: spec.dto !== EmptyBodyDto }),
    ApiHeaders([IF_MATCH_API_HEADER, IDEMPOTENCY_KEY_API_HEADER, ...ON_BEHALF_API_HEADERS]),
    ApiOkResponse({
      type: CommandResultDto,
      description: 'Applied.',
      headers: { ETag: { description: '"<revision>": the case\'s new revision.', schema: { type: 'string' } } },
    }),
    ApiProblemResponses(403, 409),
  )(prototype, key, descriptor);
}

for (const name of CASE_COMMAND_NAMES) defineCommandRoute(name, COMMAND_SPECS[name]);

import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Module, Post, Res } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { ApiBody, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { type Principal } from '#application';
import { NotAllowedInStateError, NotFoundError, RuleViolationError, StaleRevisionError } from '#core';
import { ApiProblemResponses, BODY_LIMITS, BodyLimit, CorrelationId, CurrentPrincipal, ExpectedRevision, IdempotencyKey, Public, Roles, setETag } from '#http';

/* Test-only routes that exercise the platform before the real resources exist. Registered only by tests. */

/** The probes answer loose JSON: documented as an open object, so that their statuses are still checked. */
const ANY_JSON = { schema: { type: 'object', additionalProperties: true } } as const;

class ProbeDates {
  @IsOptional()
  @IsISO8601({ strict: true })
  noticeReceived?: string;
}

class ProbeAction {
  @IsString()
  @IsNotEmpty()
  description!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  dueDate!: string;
}

export class ProbeBody {
  @IsString()
  @IsNotEmpty()
  summary!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ProbeDates)
  dates?: ProbeDates;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ProbeAction)
  actions?: ProbeAction[];
}

@ApiTags('probes (tests only)')
@Controller('probe')
export class PlatformProbeController {
  /** How many times a write handler actually ran: replays must not move it. */
  private executions = 0;
  private failsOnceRuns = 0;

  @Post('echo')
  @ApiResponse({ status: 201, description: 'Echoed.', ...ANY_JSON })
  echo(
    @Body() body: ProbeBody,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    this.executions += 1;
    const id = randomUUID();
    reply.header('location', `/probe/echo/${id}`);
    setETag(reply, 1n);
    return {
      id,
      revision: 1n,
      position: BigInt(this.executions),
      execution: this.executions,
      isProbeBody: body instanceof ProbeBody,
      idempotencyKey: idempotencyKey ?? null,
      correlationId,
      by: principal.personId,
      body,
    };
  }

  @Post('slow')
  @ApiBody(ANY_JSON)
  @ApiOkResponse({ description: 'Done, after 300 ms.', ...ANY_JSON })
  @HttpCode(200)
  async slow(@Body() body: Record<string, unknown>) {
    this.executions += 1;
    const execution = this.executions;
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { execution, body };
  }

  @Post('fails-once')
  @ApiResponse({ status: 201, description: 'The second run onwards.', ...ANY_JSON })
  @ApiProblemResponses(409)
  failsOnce() {
    this.failsOnceRuns += 1;
    if (this.failsOnceRuns === 1) throw new RuleViolationError('Refused on the first run.', 'PROBE.FIRST_RUN');
    return { run: this.failsOnceRuns };
  }

  @Post('loose')
  @ApiBody(ANY_JSON)
  @ApiOkResponse({ description: 'Echoed.', ...ANY_JSON })
  @HttpCode(200)
  loose(@Body() body: Record<string, unknown>) {
    return { body };
  }

  /** A route that takes as much as the evidence route does. */
  @Post('large')
  @HttpCode(200)
  @BodyLimit(BODY_LIMITS.evidence)
  @ApiBody({ schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse(ANY_JSON)
  large(@Body() body: Record<string, unknown>) {
    return { fields: Object.keys(body) };
  }

  @Get('executions')
  @ApiOkResponse(ANY_JSON)
  executionCount() {
    return { executions: this.executions };
  }

  @Get('principal')
  @ApiOkResponse(ANY_JSON)
  principal(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Public()
  @Get('public')
  @ApiOkResponse(ANY_JSON)
  publicRoute(@CurrentPrincipal() principal: Principal | null) {
    return { principal };
  }

  @Roles('secretariat', 'chair')
  @Get('secretariat')
  @ApiOkResponse(ANY_JSON)
  secretariatOnly() {
    return { ok: true };
  }

  @Roles('admin')
  @Get('admin')
  @ApiOkResponse(ANY_JSON)
  adminOnly() {
    return { ok: true };
  }

  @Get('boom')
  @ApiProblemResponses(500)
  boom(): never {
    throw new Error('connection to /var/lib/secret.sqlite failed: password hunter2');
  }

  @Get('not-allowed')
  @ApiProblemResponses(409)
  notAllowed(): never {
    throw new NotAllowedInStateError('Acknowledge is not allowed now.', 'formal.awaitingResponse', ['respond', 'withdraw']);
  }

  @Get('stale')
  @ApiProblemResponses(412)
  stale(): never {
    throw new StaleRevisionError('The case has moved on since revision 3.', 3n, 5n);
  }

  @Get('not-found')
  @ApiProblemResponses(404)
  notFound(): never {
    throw new NotFoundError('No case dispute-42.');
  }

  @Get('if-match')
  @ApiOkResponse(ANY_JSON)
  @ApiProblemResponses(400)
  ifMatch(@ExpectedRevision() expectedRevision: bigint | undefined) {
    return { expectedRevision: expectedRevision ?? null };
  }

  @Get('bigints')
  @ApiOkResponse(ANY_JSON)
  bigints() {
    return { small: 42n, negative: -7n, huge: 2n ** 64n };
  }
}

@Module({ controllers: [PlatformProbeController] })
export class PlatformProbeModule {}

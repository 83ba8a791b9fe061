import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Principal } from '#application';
import { CheckProjections, GetCheckpoint, GetSigningPublicKey, VerifyLog } from '#audit';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { Public } from '../../platform/auth/public.decorator.js';
import { Roles } from '../../platform/auth/roles.decorator.js';
import { ApiProblemResponses } from '../../platform/openapi/problem-schema.js';
import { CheckpointQueryDto, VerifyQueryDto } from './audit-queries.dto.js';
import { AUDIT_EXTRA_MODELS, CheckpointDto, LogVerificationDto, ProjectionCheckDto, PublicKeyDto } from './audit-responses.js';

/** The integrity checks (api.md: auditors): the hash chain, signed checkpoints, the read models against the log. */
@ApiTags('audit')
@ApiExtraModels(...AUDIT_EXTRA_MODELS)
@Controller('audit')
export class AuditController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get('verify')
  @Roles('auditor')
  @ApiOperation({
    operationId: 'verifyLog',
    summary: 'Check every stream\'s hash chain (or one case\'s), naming each event that broke it and how',
    description:
      'Every event carries the SHA-256 of its canonical form, chained to the one before it in its stream (docs/export-format.md). This reads the whole log (or, with `case`, that case\'s stream) and answers `{ ok, streams, events, failures }`: each failure names the event (stream, revision, position, id) and says whether it was changed, removed, reordered or inserted. `chain` says from which position every event was sealed as it was written (a store written before the chain was brought in was sealed by an upgrade on its first start). A history rewritten and sealed again from scratch passes this check: compare with a checkpoint taken earlier (`npm run cli -- verify --file … --checkpoint …`).',
  })
  @ApiOkResponse({ type: LogVerificationDto })
  @ApiProblemResponses(404)
  verify(@Query() query: VerifyQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new VerifyLog(principal, query.case));
  }

  @Get('checkpoint')
  @Roles('auditor')
  @ApiOperation({
    operationId: 'getCheckpoint',
    summary: 'The head of every stream and the log hash at a position, signed with the server\'s Ed25519 key',
    description:
      'Keep it: an exported log (or this store, later) is checked against it offline with `npm run cli -- verify --file log.ndjson --checkpoint checkpoint.json`, which proves the history up to its position was not rewritten since, even if sealed again. Only a log that verifies is signed (409 AUDIT.LOG_DOES_NOT_VERIFY otherwise). The key\'s fingerprint is at GET /audit/public-key.',
  })
  @ApiOkResponse({ type: CheckpointDto })
  @ApiProblemResponses(409)
  checkpoint(@Query() query: CheckpointQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetCheckpoint(principal, query.position));
  }

  @Get('public-key')
  @Public()
  @ApiOperation({
    operationId: 'getSigningPublicKey',
    summary: 'The public key checkpoints and case bundles are signed with (anyone)',
    description: 'Ed25519, SPKI PEM, with its fingerprint: publish the fingerprint where auditors can find it, and pass it to `verify --trust` so that only checkpoints signed by this key are accepted. The key is made in DATA_DIR on the first start (readable by its owner only).',
  })
  @ApiOkResponse({ type: PublicKeyDto })
  publicKey() {
    return this.queries.execute(new GetSigningPublicKey());
  }

  @Get('projections')
  @Roles('auditor')
  @ApiOperation({
    operationId: 'checkProjections',
    summary: 'Rebuild the read models from the log in a scratch directory and compare them with the live ones, by case',
    description:
      'Each read model is rebuilt from position 0 up to the checkpoint its live file is at, and compared table by table, row by row: `cases` lists the differences about each case, `others` the rest. The live files are only read. It reads the whole log: on a large store it takes a while (the command line `npm run cli -- check-projections` does the same with a progress bar).',
  })
  @ApiOkResponse({ type: ProjectionCheckDto })
  projections(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new CheckProjections(principal));
  }
}

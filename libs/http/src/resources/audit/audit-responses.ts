import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';

/* What the audit routes answer, for the OpenAPI document: every field the server sends. */

const INT64 = (description: string, nullable = false): ApiPropertyOptions => ({ type: 'integer', format: 'int64', description, ...(nullable && { nullable: true }) });
const NULLABLE_STRING = (description: string): ApiPropertyOptions => ({ type: String, nullable: true, description });
const DECIMAL = (description: string): ApiPropertyOptions => ({ type: String, pattern: '^\\d+$', description, example: '42' });
const HEX_HASH: ApiPropertyOptions = { type: String, pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lowercase hex.' };

export class ChainFailureDto {
  @ApiProperty({ enum: ['changed', 'removed', 'reordered', 'inserted'], description: 'How the chain broke there.' }) readonly kind!: string;
  @ApiProperty(NULLABLE_STRING('The stream, or null for a gap in the log whose stream cannot be told.')) readonly streamId!: string | null;
  @ApiProperty(NULLABLE_STRING('The case, when the stream is a case\'s.')) readonly caseId!: string | null;
  @ApiProperty(INT64('Where the event stands in its stream (for a removed one, the revision it was sealed at).', true)) readonly revision!: number | null;
  @ApiProperty(INT64('Its global position (for a removed one, where it was, when the log shows it).', true)) readonly position!: number | null;
  @ApiProperty(NULLABLE_STRING('The event id (null for a removed event).')) readonly eventId!: string | null;
  @ApiProperty(NULLABLE_STRING('The event type as stored.')) readonly type!: string | null;
  @ApiProperty({ description: 'What is wrong, in a sentence.' }) readonly detail!: string;
}

class SealedByUpgradeDto {
  @ApiProperty(INT64('The last position the upgrade sealed.')) readonly throughPosition!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) readonly events!: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it ran: changes made before then cannot show.' }) readonly at!: string;
}

class ChainBeginningDto {
  @ApiProperty(INT64('From this position on, every event was sealed as it was written.')) readonly sealedOnAppendFrom!: number;
  @ApiProperty({ type: SealedByUpgradeDto, nullable: true, description: 'Events already stored when the chain was brought in, sealed then; null when there were none.' })
  readonly sealedByUpgrade!: SealedByUpgradeDto | null;
}

export class LogVerificationDto {
  @ApiProperty({ description: 'Every chain holds.' }) readonly ok!: boolean;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Streams checked.' }) readonly streams!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Events checked.' }) readonly events!: number;
  @ApiProperty({ type: [ChainFailureDto], description: 'In log order; at most 1000.' }) readonly failures!: ChainFailureDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Failures found beyond those listed.' }) readonly failuresNotListed!: number;
  @ApiProperty(INT64('The last position checked.')) readonly head!: number;
  @ApiPropertyOptional({ description: 'With `case`: the case checked.' }) readonly caseId?: string;
  @ApiProperty({ type: ChainBeginningDto }) readonly chain!: ChainBeginningDto;
  @ApiProperty({ type: String, format: 'date-time' }) readonly checkedAt!: string;
}

class StreamHeadDto {
  @ApiProperty(DECIMAL('The stream\'s last revision at the checkpoint.')) readonly revision!: string;
  @ApiProperty(HEX_HASH) readonly hash!: string;
}

class SignedByDto {
  @ApiProperty({ enum: ['Ed25519'] }) readonly algorithm!: string;
  @ApiProperty({ description: 'The public key, SPKI PEM.' }) readonly publicKey!: string;
  @ApiProperty({ description: '`sha256:` and the hex SHA-256 of the key\'s DER bytes: compare it with GET /audit/public-key.', example: 'sha256:4f1c…' }) readonly fingerprint!: string;
}

export class CheckpointDto {
  @ApiProperty({ enum: ['compact-disputes/checkpoint@1'] }) readonly format!: string;
  @ApiProperty({ enum: ['log', 'streams'], description: '`log`: every stream and the log hash; `streams`: only the streams listed (a case bundle\'s).' }) readonly scope!: string;
  @ApiProperty(DECIMAL('The last position covered.')) readonly position!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Events covered (0 for scope streams).' }) readonly events!: number;
  @ApiProperty({ ...HEX_HASH, nullable: true, description: 'The log hash at `position` (docs/export-format.md); null for scope streams.' }) readonly logHash!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/StreamHeadDto' }, description: 'Each stream\'s head at `position`, by stream id.' })
  readonly streams!: Record<string, StreamHeadDto>;
  @ApiProperty({ type: String, format: 'date-time' }) readonly takenAt!: string;
  @ApiProperty({ type: SignedByDto }) readonly signedBy!: SignedByDto;
  @ApiProperty({ description: 'Ed25519 over the RFC 8785 text of every other field, base64.' }) readonly signature!: string;
}

export class PublicKeyDto {
  @ApiProperty({ enum: ['Ed25519'] }) readonly algorithm!: string;
  @ApiProperty({ description: 'SPKI PEM.' }) readonly publicKey!: string;
  @ApiProperty({ description: '`sha256:` and the hex SHA-256 of the key\'s DER bytes.' }) readonly fingerprint!: string;
}

class ProjectionDifferenceDto {
  @ApiProperty({ example: 'cases' }) readonly projection!: string;
  @ApiProperty({ example: 'cases', description: 'The table, or (file) for a read model whose file is missing.' }) readonly table!: string;
  @ApiProperty({ enum: ['missing', 'extra', 'different'], description: '`missing`: the log gives the row, the live read model lacks it; `extra`: the other way; `different`: both have it.' }) readonly kind!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The row\'s primary key.' }) readonly key!: object;
  @ApiProperty({ type: [String], description: 'The columns that differ.' }) readonly columns!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The live row.' }) readonly live!: object | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The row rebuilt from the log.' }) readonly rebuilt!: object | null;
}

class ProjectionSummaryDto {
  @ApiProperty() readonly name!: string;
  @ApiProperty(INT64('The live read model\'s checkpoint: both were compared as of it.')) readonly checkpoint!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) readonly tables!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Rows rebuilt.' }) readonly rows!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) readonly differences!: number;
}

class CaseDifferencesDto {
  @ApiProperty() readonly caseId!: string;
  @ApiProperty({ type: [ProjectionDifferenceDto] }) readonly differences!: ProjectionDifferenceDto[];
}

export class ProjectionCheckDto {
  @ApiProperty({ description: 'Every read model is what the log gives.' }) readonly ok!: boolean;
  @ApiProperty({ type: [ProjectionSummaryDto] }) readonly projections!: ProjectionSummaryDto[];
  @ApiProperty({ type: [CaseDifferencesDto], description: 'The differences about a case, by case.' }) readonly cases!: CaseDifferencesDto[];
  @ApiProperty({ type: [ProjectionDifferenceDto], description: 'The rest (directory, a read model\'s own state, a missing file).' }) readonly others!: ProjectionDifferenceDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) readonly differencesNotListed!: number;
}

class BundleEventDto {
  @ApiProperty(DECIMAL('Global position.')) readonly position!: string;
  @ApiProperty(DECIMAL('Revision in the case\'s stream.')) readonly revision!: string;
  @ApiProperty() readonly id!: string;
  @ApiProperty({ example: 'DisputeRaised' }) readonly type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As stored.' }) readonly data!: object;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As stored, with the seal (`previousHash`, `hash`).' }) readonly metadata!: object;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the store recorded it.' }) readonly recordedAt!: string;
}

class WithheldSealDto {
  @ApiProperty({ ...HEX_HASH, nullable: true }) readonly previousHash!: string | null;
  @ApiProperty({ ...HEX_HASH, nullable: true }) readonly hash!: string | null;
}

class WithheldEventDto {
  @ApiProperty(DECIMAL('Global position.')) readonly position!: string;
  @ApiProperty(DECIMAL('Revision in the case\'s stream.')) readonly revision!: string;
  @ApiProperty({ enum: [true], description: 'CDG-only material the reader may not see: only its place and seal.' }) readonly withheld!: boolean;
  @ApiProperty({ type: WithheldSealDto }) readonly metadata!: WithheldSealDto;
}

class ExportedForDto {
  @ApiProperty() readonly personId!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ type: [String] }) readonly roles!: string[];
}

class BundleSummaryDto {
  @ApiProperty() readonly summary!: string;
  @ApiProperty({ description: 'The case\'s state now.' }) readonly state!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4, nullable: true }) readonly stage!: number | null;
  @ApiProperty(NULLABLE_STRING('Once closed.')) readonly outcome!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) readonly openedAt!: string;
  @ApiProperty({ description: 'By name.' }) readonly complainant!: string;
  @ApiProperty({ type: [String], description: 'By name.' }) readonly respondents!: string[];
  @ApiProperty({ type: [String] }) readonly clauses!: string[];
}

class BundleHeadDto {
  @ApiProperty(DECIMAL('The stream\'s last revision.')) readonly revision!: string;
  @ApiProperty(HEX_HASH) readonly hash!: string;
}

class BundleChainDto {
  @ApiProperty() readonly ok!: boolean;
  @ApiProperty({ type: [ChainFailureDto] }) readonly failures!: ChainFailureDto[];
  @ApiProperty({ type: BundleHeadDto, nullable: true }) readonly head!: BundleHeadDto | null;
}

class TimelineDeadlineDto {
  @ApiProperty({ example: 'acknowledgement-1' }) readonly id!: string;
  @ApiProperty() readonly step!: string;
  @ApiProperty({ type: String, format: 'date' }) readonly dueOn!: string;
  @ApiProperty({ enum: ['complainant', 'respondent', 'parties', 'cdg'] }) readonly owedBy!: string;
  @ApiProperty({ type: [String], description: 'The organisations that owe it, by name.' }) readonly owedByNames!: string[];
  @ApiProperty({ enum: ['open', 'met', 'missed', 'paused'] }) readonly status!: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) readonly remainingWorkingDays?: number;
}

class TimelineActorDto {
  @ApiProperty() readonly personId!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty() readonly role!: string;
}

class ActingForDto {
  @ApiProperty() readonly organisationId!: string;
  @ApiProperty() readonly name!: string;
  @ApiPropertyOptional({ description: 'Why the secretariat recorded the step on the organisation\'s behalf.' }) readonly reason?: string;
}

class TimelineEntryDto {
  @ApiProperty(DECIMAL('Global position.')) readonly position!: string;
  @ApiProperty(DECIMAL('Revision in the case\'s stream.')) readonly revision!: string;
  @ApiProperty({ type: String, format: 'date-time' }) readonly at!: string;
  @ApiProperty() readonly type!: string;
  @ApiProperty({ description: 'What happened, in a sentence.' }) readonly what!: string;
  @ApiProperty({ type: TimelineActorDto }) readonly by!: TimelineActorDto;
  @ApiProperty({ type: ActingForDto, nullable: true, description: 'The organisation the step was taken for; null when it was taken for the Compact (CDG, the engine).' })
  readonly actingFor!: ActingForDto | null;
  @ApiProperty() readonly stateAfter!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4, nullable: true }) readonly stageAfter!: number | null;
  @ApiProperty({ type: [TimelineDeadlineDto], description: 'The deadlines as they stood right after the step.' }) readonly deadlines!: TimelineDeadlineDto[];
}

export class CaseBundleDto {
  @ApiProperty({ enum: ['compact-disputes/case-bundle@1'] }) readonly format!: string;
  @ApiProperty() readonly caseId!: string;
  @ApiProperty({ example: 'dispute-…' }) readonly streamId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) readonly exportedAt!: string;
  @ApiProperty({ type: ExportedForDto, description: 'Whose view of the case this is.' }) readonly exportedFor!: ExportedForDto;
  @ApiProperty({ type: BundleSummaryDto }) readonly summary!: BundleSummaryDto;
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: '#/components/schemas/BundleEventDto' }, { $ref: '#/components/schemas/WithheldEventDto' }] },
    description: 'Every event of the case in revision order, as stored; CDG-only ones withheld from readers who may not see them.',
  })
  readonly events!: (BundleEventDto | WithheldEventDto)[];
  @ApiProperty({ type: 'integer', minimum: 0 }) readonly withheld!: number;
  @ApiProperty({ type: BundleChainDto }) readonly chain!: BundleChainDto;
  @ApiProperty({ type: CheckpointDto, nullable: true, description: 'The stream\'s head signed with the server\'s key (scope streams); null when the chain does not verify.' })
  readonly checkpoint!: CheckpointDto | null;
  @ApiProperty({ type: [TimelineEntryDto], description: 'Who did what, when, acting for whom, with the deadlines as they stood: the events the reader may read.' })
  readonly timeline!: TimelineEntryDto[];
}

/** Models referenced by $ref only (register with @ApiExtraModels). */
export const AUDIT_EXTRA_MODELS = [StreamHeadDto, BundleEventDto, WithheldEventDto];

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTCOMES } from '#domain';
import { CASE_COMMAND_NAMES } from './command-dtos.js';
import { EvidenceViewDto } from './evidence-responses.js';

/* What the dispute reads answer, for the OpenAPI document (the case view carries more than is listed). */

class ClauseCheckDto {
  @ApiProperty({ enum: ['3.2', '3.4'] }) readonly clause!: string;
  @ApiProperty({ enum: ['met', 'not-met', 'not-checkable'] }) readonly result!: string;
  @ApiProperty({ description: 'One sentence naming the dates.' }) readonly detail!: string;
}

class DeadlineDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty({ description: 'The step the deadline belongs to (acknowledgement, formal-response, ...).' }) readonly step!: string;
  @ApiProperty({ format: 'date' }) readonly dueOn!: string;
  @ApiProperty({ enum: ['complainant', 'respondent', 'parties', 'cdg'] }) readonly owedBy!: string;
  @ApiProperty({ enum: ['open', 'met', 'missed', 'paused'] }) readonly status!: string;
}

class ActionViewDto {
  @ApiProperty({ example: 'A1' }) readonly actionId!: string;
  @ApiProperty() readonly description!: string;
  @ApiProperty() readonly ownerId!: string;
  @ApiProperty({ format: 'date' }) readonly dueDate!: string;
  @ApiProperty({ enum: ['open', 'completed', 'missed', 'closed-unfinished'], description: 'closed-unfinished: still open when the case closed or was reopened.' })
  readonly status!: string;
}

export class DisputeViewDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'The stream revision; also sent as ETag.' }) readonly revision!: number;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'Global position of the case\'s last event.' }) readonly position!: number;
  @ApiProperty({ description: 'Dotted state, e.g. formal.awaitingResponse.', example: 'formal.awaitingResponse' }) readonly state!: string;
  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, maximum: 4, description: '1–3 while the process runs, 4 once referred to an outside body, otherwise null when closed.' }) readonly stage!: number | null;
  @ApiProperty() readonly complainantId!: string;
  @ApiProperty({ type: [String] }) readonly respondentIds!: string[];
  @ApiProperty({ type: [String] }) readonly clauses!: string[];
  @ApiProperty() readonly urgent!: boolean;
  @ApiProperty() readonly summary!: string;
  @ApiProperty({ format: 'date-time' }) readonly openedAt!: string;
  @ApiProperty({ type: [ClauseCheckDto] }) readonly clauseChecks!: ClauseCheckDto[];
  @ApiProperty({ type: [DeadlineDto] }) readonly deadlines!: DeadlineDto[];
  @ApiProperty({ type: [ActionViewDto] }) readonly actions!: ActionViewDto[];
  @ApiProperty({ type: [EvidenceViewDto], description: 'Every piece of evidence, in the order added.' }) readonly evidence!: EvidenceViewDto[];
  @ApiPropertyOptional({ enum: OUTCOMES, description: 'Once closed.' }) readonly outcome?: string;
  @ApiProperty({ type: 'array', items: { type: 'string', enum: CASE_COMMAND_NAMES }, description: 'The commands this caller may send now.' })
  readonly allowed!: string[];
}

class DisputeSummaryDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty() readonly state!: string;
  @ApiProperty({ type: 'integer', nullable: true }) readonly stage!: number | null;
  @ApiProperty() readonly complainantId!: string;
  @ApiProperty({ type: [String] }) readonly respondentIds!: string[];
  @ApiProperty({ type: [String] }) readonly clauses!: string[];
  @ApiProperty() readonly urgent!: boolean;
  @ApiProperty() readonly summary!: string;
  @ApiProperty({ format: 'date-time' }) readonly openedAt!: string;
  @ApiProperty({ enum: OUTCOMES, nullable: true }) readonly outcome!: string | null;
  @ApiProperty({ format: 'date', nullable: true, description: 'Earliest open due date.' }) readonly nextDueOn!: string | null;
  @ApiProperty() readonly overdue!: boolean;
  @ApiProperty({ type: 'integer', format: 'int64' }) readonly revision!: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Only when the read model could not apply an event of the case ({ position, eventId, eventType, error, skippedEvents }): the row shows the case as it was before that event until a rebuild.',
  })
  readonly projectionFailure?: object;
}

export class DisputeListDto {
  @ApiProperty({ type: [DisputeSummaryDto] }) readonly items!: DisputeSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' }) readonly nextCursor!: string | null;
}

class HistoryEntryDto {
  @ApiProperty({ type: 'integer', format: 'int64' }) readonly position!: number;
  @ApiProperty({ type: 'integer', format: 'int64' }) readonly revision!: number;
  @ApiProperty() readonly eventId!: string;
  @ApiProperty({ example: 'DisputeRaised' }) readonly type!: string;
  @ApiProperty({ format: 'date-time' }) readonly occurredAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Who: person, role, organisation acted for (ids as recorded, with `name` and `organisationName` from the directory).' }) readonly actor!: object;
  @ApiProperty({ type: 'object', additionalProperties: true }) readonly data!: object;
  @ApiProperty({ type: 'object', additionalProperties: true }) readonly metadata!: object;
}

export class HistoryDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty({ type: [HistoryEntryDto] }) readonly events!: HistoryEntryDto[];
  @ApiPropertyOptional({ format: 'date-time' }) readonly asOf?: string;
  @ApiPropertyOptional({ type: DisputeViewDto, description: 'With asOf: the case as it was then.' }) readonly state?: DisputeViewDto;
}

class ReplayStepDto {
  @ApiProperty({ type: HistoryEntryDto }) readonly event!: HistoryEntryDto;
  @ApiProperty() readonly state!: string;
  @ApiProperty({ type: 'integer', nullable: true }) readonly stage!: number | null;
  @ApiProperty({ type: DisputeViewDto }) readonly view!: DisputeViewDto;
}

export class ReplayDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty({ type: [ReplayStepDto] }) readonly steps!: ReplayStepDto[];
}

class WorkQueueItemDto {
  @ApiProperty() readonly caseId!: string;
  @ApiProperty() readonly summary!: string;
  @ApiProperty() readonly state!: string;
  @ApiProperty({ enum: ['task', 'alert'] }) readonly kind!: string;
  @ApiProperty() readonly step!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The command to send: POST /disputes/{caseId}/{action}.' }) readonly action!: string | null;
  @ApiProperty() readonly title!: string;
  @ApiProperty({ format: 'date', nullable: true }) readonly dueOn!: string | null;
  @ApiProperty() readonly overdue!: boolean;
  @ApiProperty() readonly reminder!: boolean;
  @ApiProperty() readonly missed!: boolean;
}

export class WorkQueueDto {
  @ApiProperty({ type: [WorkQueueItemDto] }) readonly items!: WorkQueueItemDto[];
}

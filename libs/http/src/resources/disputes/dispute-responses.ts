import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  CASE_COMMANDS,
  DEADLINE_RULES,
  EXTERNAL_BODIES,
  FINDINGS,
  FINDINGS_RESPONSES,
  NOTE_VISIBILITIES,
  OUTCOMES,
  REOPENING_GROUNDS,
  ROLES,
  ROUTES,
  SECTORS,
  STEP_NAMES,
} from '#domain';
import { CASE_PARTS } from '#application';
import { EvidenceViewDto } from './evidence-responses.js';

/*
 * What the dispute reads answer, for the OpenAPI document. Every field the server sends is listed
 * (the end-to-end suites check each answer against these, closed); the objects stay open in the
 * document itself, so that clients tolerate fields added later.
 */

/** A value from a closed vocabulary, or null (OpenAPI 3.0 wants null among the values too). */
const nullableEnum = (values: readonly string[], description?: string): ApiPropertyOptions => ({
  type: 'string',
  enum: [...values, null],
  nullable: true,
  ...(description !== undefined && { description }),
});
const nullableString = (format: 'date' | 'date-time' | undefined, description?: string): ApiPropertyOptions => ({
  type: 'string',
  ...(format !== undefined && { format }),
  nullable: true,
  ...(description !== undefined && { description }),
});
const STAGE: ApiPropertyOptions = { type: 'integer', minimum: 1, maximum: 4, nullable: true };
const INT64 = (description: string): ApiPropertyOptions => ({ type: 'integer', format: 'int64', description });
const DEADLINE_STEPS = Object.keys(DEADLINE_RULES);
const OWED_BY = ['complainant', 'respondent', 'parties', 'cdg'];

export class PartyDto {
  @ApiProperty() readonly organisationId!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ enum: SECTORS }) readonly sector!: string;
  @ApiProperty() readonly type!: string;
}

class ClauseCheckDto {
  @ApiProperty({ enum: ['3.2', '3.4'] }) readonly clause!: string;
  @ApiProperty({ enum: ['met', 'not-met', 'not-checkable'] }) readonly result!: string;
  @ApiProperty({ description: 'One sentence naming the dates.' }) readonly detail!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string', nullable: true }, { type: 'boolean' }] },
    description: 'The inputs and the dates derived from them, by name.',
  })
  readonly dates!: Record<string, string | boolean | null>;
}

class DeadlineDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty({ enum: DEADLINE_STEPS, description: 'The step the deadline belongs to.' }) readonly step!: string;
  @ApiProperty({ type: String, format: 'date' }) readonly dueOn!: string;
  @ApiProperty({ enum: OWED_BY }) readonly owedBy!: string;
  @ApiProperty({ type: [String], description: 'The organisations that owe it (empty when the CDG does).' }) readonly owedByOrganisationIds!: string[];
  @ApiProperty({ enum: ['open', 'met', 'missed', 'paused'] }) readonly status!: string;
  @ApiProperty({ type: String, format: 'date', description: 'The day the clock started.' }) readonly startedOn!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) readonly workingDays!: number;
  @ApiProperty({ description: 'The rule that computed the due date.' }) readonly rule!: string;
  @ApiProperty({ description: 'The bank holiday calendar it was computed with.' }) readonly calendarVersion!: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'While paused: the working days it still has.' }) readonly remainingWorkingDays?: number;
}

class ActionViewDto {
  @ApiProperty({ example: 'A1' }) readonly actionId!: string;
  @ApiProperty() readonly description!: string;
  @ApiProperty() readonly ownerId!: string;
  @ApiProperty({ type: String, format: 'date' }) readonly dueDate!: string;
  @ApiProperty(nullableString(undefined, 'The Compact clause it answers.')) readonly clause!: string | null;
  @ApiProperty({ enum: ['open', 'completed', 'missed', 'closed-unfinished'], description: 'closed-unfinished: still open when the case closed or was reopened.' })
  readonly status!: string;
  @ApiProperty(nullableString('date-time')) readonly completedAt!: string | null;
}

class PanelDto {
  @ApiProperty() readonly chairId!: string;
  @ApiProperty() readonly statutoryMemberId!: string;
  @ApiProperty() readonly vcsMemberId!: string;
}

class ObjectionDto {
  @ApiProperty() readonly personId!: string;
  @ApiProperty() readonly organisationId!: string;
  @ApiProperty() readonly grounds!: string;
  @ApiProperty({ enum: ['pending', 'upheld', 'dismissed'] }) readonly status!: string;
}

class RecommendationDto {
  @ApiProperty({ example: 'R1' }) readonly recommendationId!: string;
  @ApiProperty() readonly description!: string;
  @ApiProperty() readonly ownerId!: string;
  @ApiProperty({ type: String, format: 'date' }) readonly dueDate!: string;
  @ApiProperty(nullableString(undefined)) readonly clause!: string | null;
  @ApiProperty({ type: String, format: 'date', description: 'The day the secretariat checks it.' }) readonly checkOn!: string;
  @ApiProperty(nullableString(undefined, 'How checkOn was counted (null on events recorded before dates kept their rule).')) readonly checkRule!: string | null;
  @ApiProperty(nullableString(undefined, 'The working-day calendar that counted it.')) readonly calendarVersion!: string | null;
}

class FindingsResponseDto {
  @ApiProperty() readonly organisationId!: string;
  @ApiProperty({ enum: [...FINDINGS_RESPONSES, 'none'] }) readonly response!: string;
  @ApiProperty(nullableString(undefined)) readonly reasons!: string | null;
}

class SuspensionDto {
  @ApiProperty({ enum: STEP_NAMES, description: 'The step it returns to.' }) readonly from!: string;
  @ApiProperty({ type: String, format: 'date' }) readonly suspendedOn!: string;
  @ApiProperty({ type: String, format: 'date' }) readonly until!: string;
}

class ReopeningDto {
  @ApiProperty({ enum: REOPENING_GROUNDS }) readonly grounds!: string;
  @ApiProperty() readonly reason!: string;
  @ApiProperty({ type: String, format: 'date-time' }) readonly requestedAt!: string;
  @ApiProperty({ enum: STEP_NAMES }) readonly resumeTo!: string;
  @ApiProperty({ enum: ['pending', 'granted', 'refused'] }) readonly decision!: string;
}

class ExternalReferralDto {
  @ApiProperty({ enum: EXTERNAL_BODIES }) readonly body!: string;
  @ApiProperty(nullableString(undefined)) readonly reference!: string | null;
  @ApiProperty({ type: [String], description: 'What the external body decided, as recorded.' }) readonly outcomes!: string[];
  @ApiProperty(nullableEnum(OUTCOMES)) readonly previousOutcome!: string | null;
}

class NoteDto {
  @ApiProperty() readonly noteId!: string;
  @ApiProperty() readonly text!: string;
  @ApiProperty({ enum: NOTE_VISIBILITIES }) readonly visibility!: string;
  @ApiProperty() readonly byPersonId!: string;
  @ApiProperty(nullableString(undefined, 'Their name in the directory.')) readonly byPersonName!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) readonly at!: string;
}

class LessonDto {
  @ApiProperty() readonly lessonId!: string;
  @ApiProperty() readonly lesson!: string;
  @ApiProperty(nullableString(undefined)) readonly clause!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) readonly at!: string;
}

/** The case as the machine has it at some point (the history's `asOf` state, each replay step). */
export class CaseStateDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty({ description: 'Dotted state, e.g. formal.awaitingResponse.', example: 'formal.awaitingResponse' }) readonly state!: string;
  @ApiProperty({ ...STAGE, description: '1–3 while the process runs, 4 once referred to an outside body, otherwise null when closed.' }) readonly stage!: number | null;
  @ApiProperty({ ...STAGE, description: 'The furthest stage the case has reached.' }) readonly highestStage!: number | null;
  @ApiProperty() readonly complainantId!: string;
  @ApiProperty({ type: [String] }) readonly respondentIds!: string[];
  @ApiProperty({ type: [PartyDto], description: 'The parties as they were when the dispute was raised.' }) readonly parties!: PartyDto[];
  @ApiProperty({ type: [String] }) readonly clauses!: string[];
  @ApiProperty() readonly urgent!: boolean;
  @ApiProperty() readonly summary!: string;
  @ApiProperty() readonly details!: string;
  @ApiProperty() readonly desiredOutcome!: string;
  @ApiProperty({ type: String, format: 'date-time' }) readonly openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) readonly lastEventAt!: string;
  @ApiProperty({ type: [ClauseCheckDto] }) readonly clauseChecks!: ClauseCheckDto[];
  @ApiProperty({ type: [DeadlineDto] }) readonly deadlines!: DeadlineDto[];
  @ApiProperty({ type: [ActionViewDto] }) readonly actions!: ActionViewDto[];
  @ApiProperty(nullableEnum(ROUTES)) readonly route!: string | null;
  @ApiProperty(nullableString(undefined)) readonly mediatorId!: string | null;
  @ApiProperty({ type: PanelDto, nullable: true }) readonly panel!: PanelDto | null;
  @ApiProperty({ type: [ObjectionDto] }) readonly objections!: ObjectionDto[];
  @ApiProperty(nullableEnum(FINDINGS, 'The panel\'s finding, once issued.')) readonly finding!: string | null;
  @ApiProperty({ type: [RecommendationDto] }) readonly recommendations!: RecommendationDto[];
  @ApiProperty({ type: [FindingsResponseDto] }) readonly findingsResponses!: FindingsResponseDto[];
  @ApiProperty({ type: SuspensionDto, nullable: true }) readonly suspension!: SuspensionDto | null;
  @ApiProperty({ type: ReopeningDto, nullable: true }) readonly reopening!: ReopeningDto | null;
  @ApiProperty({ type: ExternalReferralDto, nullable: true }) readonly external!: ExternalReferralDto | null;
  @ApiProperty({ type: [NoteDto], description: 'The notes this caller may read.' }) readonly notes!: NoteDto[];
  @ApiProperty({ type: [EvidenceViewDto], description: 'Every piece of evidence, in the order added.' }) readonly evidence!: EvidenceViewDto[];
  @ApiProperty({ type: [LessonDto] }) readonly lessons!: LessonDto[];
  @ApiPropertyOptional({ enum: OUTCOMES, description: 'Once closed.' }) readonly outcome?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Once closed.' }) readonly closedAt?: string;
  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...CASE_COMMANDS] }, description: 'The commands this caller may send now.' })
  readonly allowed!: string[];
}

/** GET /disputes/{id}: the case now, with the stream revision it was read at. */
export class DisputeViewDto extends CaseStateDto {
  @ApiProperty(INT64('The stream revision; also sent as ETag.')) readonly revision!: number;
  @ApiProperty(INT64('Global position of the case\'s last event.')) readonly position!: number;
}

class DisputeSummaryDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty({ example: 'formal.awaitingResponse' }) readonly state!: string;
  @ApiProperty(STAGE) readonly stage!: number | null;
  @ApiProperty(STAGE) readonly highestStage!: number | null;
  @ApiProperty() readonly complainantId!: string;
  @ApiProperty({ type: [String] }) readonly respondentIds!: string[];
  @ApiProperty({ type: [PartyDto] }) readonly parties!: PartyDto[];
  @ApiProperty({ type: [String] }) readonly clauses!: string[];
  @ApiProperty() readonly urgent!: boolean;
  @ApiProperty() readonly summary!: string;
  @ApiProperty({ type: String, format: 'date-time' }) readonly openedAt!: string;
  @ApiProperty(nullableString('date-time')) readonly closedAt!: string | null;
  @ApiProperty(nullableEnum(OUTCOMES)) readonly outcome!: string | null;
  @ApiProperty(INT64('The stream revision.')) readonly revision!: number;
  @ApiProperty(INT64('Global position of the case\'s last event.')) readonly position!: number;
  @ApiProperty({ type: String, format: 'date-time' }) readonly lastEventAt!: string;
  @ApiProperty(nullableString('date', 'Earliest open due date (deadline or agreed action).')) readonly nextDueOn!: string | null;
  @ApiProperty({ description: 'Something is past its due date (London).' }) readonly overdue!: boolean;
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
  @ApiProperty(INT64('The event\'s global position.')) readonly position!: number;
  @ApiProperty(INT64('The event\'s revision in the case\'s stream (0 for DisputeRaised).')) readonly revision!: number;
  @ApiProperty() readonly eventId!: string;
  @ApiProperty({ example: 'DisputeRaised' }) readonly type!: string;
  @ApiProperty({ type: String, format: 'date-time' }) readonly occurredAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Who: person, role, organisation acted for and on whose behalf (ids as recorded, with `name` and `organisationName` from the directory).' }) readonly actor!: object;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event\'s data, as recorded (its shape depends on `type`).' }) readonly data!: object;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Actor, time, correlation and causation, schema version.' }) readonly metadata!: object;
}

export class HistoryDto {
  @ApiProperty() readonly id!: string;
  @ApiProperty({ type: [HistoryEntryDto] }) readonly events!: HistoryEntryDto[];
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'With asOf: the instant asked for, in UTC.' }) readonly asOf?: string;
  @ApiPropertyOptional(INT64('With asOfPosition: the global position asked for.')) readonly asOfPosition?: number;
  @ApiPropertyOptional({ type: CaseStateDto, description: 'With asOf, once the case existed: the case as it was then (no revision: it is not a current read).' })
  readonly state?: CaseStateDto;
}

class ReplayStepDto {
  @ApiProperty({ type: HistoryEntryDto }) readonly event!: HistoryEntryDto;
  @ApiProperty({ description: 'The dotted state after the event.' }) readonly state!: string;
  @ApiProperty(STAGE) readonly stage!: number | null;
  @ApiProperty({ type: CaseStateDto, description: 'The case as the machine has it after the event; `allowed` is for the part named in `as`, else for the caller.' }) readonly view!: CaseStateDto;
}

export class ReplayDto {
  @ApiProperty() readonly id!: string;
  @ApiPropertyOptional({ enum: CASE_PARTS, description: 'The part of the case whose allowed commands each step shows.' }) readonly as?: string;
  @ApiProperty({ type: [ReplayStepDto] }) readonly steps!: ReplayStepDto[];
}

class WorkQueueItemDto {
  @ApiProperty() readonly caseId!: string;
  @ApiProperty() readonly summary!: string;
  @ApiProperty({ description: 'The case\'s dotted state.' }) readonly state!: string;
  @ApiProperty({ enum: ['task', 'alert'], description: 'task, or alert (a CDG deadline recorded missed, for the chair).' }) readonly kind!: string;
  @ApiProperty({ description: 'The clock: a deadline step (acknowledgement, formal-response, ...), agreed-action or objection.' }) readonly step!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The command to send: POST /disputes/{caseId}/{action}; null when there is none.' }) readonly action!: string | null;
  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...CASE_COMMANDS] }, description: 'Other commands that also settle the step.' })
  readonly alternatives!: string[];
  @ApiProperty() readonly title!: string;
  @ApiProperty(nullableString('date')) readonly dueOn!: string | null;
  @ApiProperty({ enum: [...OWED_BY, 'owner'] }) readonly owedBy!: string;
  @ApiPropertyOptional({ description: 'The organisation that owes it, when an organisation does.' }) readonly organisationId?: string;
  @ApiProperty({ enum: ROLES, description: 'The role that acts on it.' }) readonly forRole!: string;
  @ApiPropertyOptional() readonly deadlineId?: string;
  @ApiPropertyOptional() readonly actionId?: string;
  @ApiProperty({ description: 'Due before today (London).' }) readonly overdue!: boolean;
  @ApiProperty({ description: 'Due today or within the next 2 working days.' }) readonly reminder!: boolean;
  @ApiProperty({ description: 'Its deadline has been recorded missed and the step is still outstanding.' }) readonly missed!: boolean;
}

export class WorkQueueDto {
  @ApiProperty({ type: [WorkQueueItemDto] }) readonly items!: WorkQueueItemDto[];
}

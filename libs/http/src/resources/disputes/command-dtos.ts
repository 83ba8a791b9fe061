import { ApiSchema } from '@nestjs/swagger';
import {
  EXTERNAL_BODIES,
  type ExternalBody,
  type Finding,
  FINDINGS,
  FINDINGS_RESPONSES,
  type FindingsResponse,
  MAX_EVIDENCE_BYTES,
  NOTE_VISIBILITIES,
  type NoteVisibility,
  REOPENING_GROUNDS,
  type ReopeningGrounds,
  type Route,
  ROUTES,
  WITHDRAWAL_REASONS,
  type WithdrawalReason,
} from '#domain';
import { EXAMPLE_IDS } from '../shared/examples.js';
import { Clause, Custom, Flag, Id, IdList, IsoDate, NestedList, OneOf, Text, TEXT, TextList, WholeNumber } from '../shared/fields.js';

/*
 * One request body per case command, with exactly the fields api.md's Commands table lists. The
 * domain checks them again (it trusts no edge); these give the 400 first, with every field named.
 */

/** The largest evidence file (10 MB) in base64: 4 characters per 3 bytes. */
export const MAX_EVIDENCE_BASE64_CHARS = Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MEDIA_TYPE = /^[A-Za-z0-9][\w.+-]*\/[A-Za-z0-9][\w.+-]*(\s*;.*)?$/;

/** For commands that need nothing: `{}` (or no body at all); any field is refused. */
@ApiSchema({ description: 'An empty object: this command takes no fields.' })
export class EmptyBodyDto {}

/** An agreed action or a panel recommendation. */
export class ActionDto {
  @Text(TEXT.medium, { description: 'What is to be done.', example: 'Reinstate the grant for eight weeks' })
  readonly description!: string;

  @Id({ description: 'The organisation that owns the action.', example: EXAMPLE_IDS.respondent })
  readonly ownerId!: string;

  @IsoDate({ description: 'When it is due.', example: '2026-05-01' })
  readonly dueDate!: string;

  @Clause({ presence: 'nullable', description: 'The Compact clause it answers.' })
  readonly clause?: string | null;
}

export class LodgeFormalDto {
  @Text(TEXT.long, { description: 'Why the complainant takes the dispute to the formal stage.' })
  readonly grounds!: string;
}

export class ExtendResponseDeadlineDto {
  @WholeNumber(1, 10, { description: 'Working days to add to the formal response deadline (once per case).', example: 5 })
  readonly workingDays!: number;

  @Text(TEXT.medium, { description: 'Why more time is needed.' })
  readonly reason!: string;
}

export class RespondDto {
  @Text(TEXT.long, { description: 'The respondent\'s written response.' })
  readonly response!: string;
}

export class ReferToCdgDto {
  @Text(TEXT.medium, { description: 'Why the complainant refers the dispute to the Compact Development Group.' })
  readonly reason!: string;
}

export class ChooseRouteDto {
  @OneOf(ROUTES, { description: 'mediation (every party agrees, in consentFrom) or panel. Chosen once.' })
  readonly route!: Route;

  @Text(TEXT.medium, { presence: 'nullable', description: 'Why this route (a reason is not consent).' })
  readonly reason?: string | null;

  @IdList({
    presence: 'optional',
    max: 20,
    description: 'The party organisations that agree to the route: every party, for mediation.',
    example: [EXAMPLE_IDS.complainant, EXAMPLE_IDS.respondent],
  })
  readonly consentFrom?: string[];
}

export class AppointMediatorDto {
  @Id({ description: 'The person (with the mediator role) to appoint.', example: EXAMPLE_IDS.person })
  readonly personId!: string;
}

export class AppointPanelDto {
  @Id({ description: 'The independent panel chair (a panelist belonging to no signatory).', example: EXAMPLE_IDS.person })
  readonly chairId!: string;

  @Id({ description: 'A panelist from a statutory body.', example: EXAMPLE_IDS.person })
  readonly statutoryMemberId!: string;

  @Id({ description: 'A panelist from a voluntary and community sector organisation.', example: EXAMPLE_IDS.person })
  readonly vcsMemberId!: string;
}

export class DeclareConflictDto {
  @Text(TEXT.medium, { description: 'The interest the appointee declares.' })
  readonly interest!: string;
}

export class ObjectToAppointmentDto {
  @Id({ description: 'The appointee objected to.', example: EXAMPLE_IDS.person })
  readonly personId!: string;

  @Text(TEXT.medium, { description: 'Why.' })
  readonly grounds!: string;
}

export class RuleOnObjectionDto {
  @Id({ description: 'The appointee the objection is about.', example: EXAMPLE_IDS.person })
  readonly personId!: string;

  @Flag({ description: 'true: the objection is upheld and the appointee stands down.' })
  readonly upheld!: boolean;

  @Text(TEXT.medium, { description: 'The chair\'s reasons.' })
  readonly reason!: string;
}

export class RecordSessionDto {
  @IsoDate({ description: 'When the session was held (not in the future).' })
  readonly heldOn!: string;

  @TextList(TEXT.short, { max: 50, description: 'Who attended.', example: ['Food bank', 'Council'] })
  readonly attendees!: string[];

  @Text(TEXT.long, { description: 'What happened.' })
  readonly summary!: string;
}

export class EndMediationDto {
  @Text(TEXT.long, { description: 'Why mediation ends without agreement (the case goes to a panel).' })
  readonly summary!: string;
}

export class RecordHearingDto {
  @IsoDate({ description: 'When the hearing was held (not in the future).' })
  readonly heldOn!: string;

  @Text(TEXT.long, { description: 'What was heard.' })
  readonly summary!: string;
}

export class IssueFindingsDto {
  @OneOf(FINDINGS, { description: 'The panel\'s finding.' })
  readonly finding!: Finding;

  @Text(TEXT.long, { description: 'The findings, in words.' })
  readonly findings!: string;

  @NestedList(() => ActionDto, { max: 50, description: 'Recommendations, each with an owner and due date (may be empty).' })
  readonly recommendations!: ActionDto[];
}

export class RespondToFindingsDto {
  @OneOf(FINDINGS_RESPONSES, { description: 'Comply or explain: accept, partly accept or decline the findings.' })
  readonly response!: FindingsResponse;

  @Text(TEXT.long, {
    presence: 'nullable',
    description: 'Why not in full: required unless the response is accept.',
    requiredWhen: { test: (body) => (body as RespondToFindingsDto).response !== 'accept', message: 'are required unless the response is accept' },
  })
  readonly reasons?: string | null;
}

export class AgreeResolutionDto {
  @Text(TEXT.long, { description: 'The terms agreed.' })
  readonly terms!: string;

  @NestedList(() => ActionDto, { max: 50, description: 'Agreed actions, each with an owner and due date (may be empty).' })
  readonly actions!: ActionDto[];
}

export class CompleteActionDto {
  @Id({ description: 'The agreed action or recommendation (A1, R1, ...).', example: 'A1' })
  readonly actionId!: string;

  @Text(TEXT.medium, { presence: 'nullable', description: 'What shows it was done.' })
  readonly evidence?: string | null;
}

export class VaryActionDto {
  @Id({ description: 'The agreed action to vary.', example: 'A1' })
  readonly actionId!: string;

  @IsoDate({ presence: 'nullable', description: 'The new due date.' })
  readonly dueDate?: string | null;

  @Text(TEXT.medium, { presence: 'nullable', description: 'The new description.' })
  readonly description?: string | null;

  @Text(TEXT.medium, { description: 'Why it changes.' })
  readonly reason!: string;
}

export class SuspendDto {
  @Text(TEXT.medium, { description: 'Why the case is suspended.' })
  readonly reason!: string;

  @WholeNumber(1, 40, { description: 'For how many working days (renewable).', example: 20 })
  readonly workingDays!: number;

  @IdList({ min: 1, max: 20, description: 'Every party organisation, consenting.', example: [EXAMPLE_IDS.complainant, EXAMPLE_IDS.respondent] })
  readonly consentFrom!: string[];

  @Flag({
    presence: 'optional',
    description: 'Once a panel is appointed, the panel chair consents too: required and true from then on.',
  })
  readonly panelChairConsent?: boolean;
}

export class ExtendDeadlineDto {
  @WholeNumber(1, 60, { description: 'Working days to add to the current step\'s deadline.', example: 10 })
  readonly workingDays!: number;

  @Text(TEXT.medium, { description: 'Why.' })
  readonly reason!: string;

  @IdList({ min: 1, max: 20, description: 'Every party organisation, consenting.', example: [EXAMPLE_IDS.complainant, EXAMPLE_IDS.respondent] })
  readonly consentFrom!: string[];
}

export class WithdrawDto {
  @OneOf(WITHDRAWAL_REASONS, { description: 'Why the complainant withdraws.' })
  readonly reasonCode!: WithdrawalReason;

  @Text(TEXT.medium, { presence: 'nullable', description: 'In words (optional, whatever the reason code).' })
  readonly reason?: string | null;
}

export class ReferExternallyDto {
  @OneOf(EXTERNAL_BODIES, { description: 'Where the dispute goes (the Local Government Ombudsman is not for parish councils; the health ombudsman is for NHS bodies).' })
  readonly body!: ExternalBody;

  @Text(TEXT.short, { presence: 'nullable', description: 'The external body\'s reference.' })
  readonly reference?: string | null;
}

export class RecordExternalOutcomeDto {
  @Text(TEXT.long, { description: 'What the external body decided.' })
  readonly outcome!: string;
}

export class RequestReopeningDto {
  @OneOf(REOPENING_GROUNDS, { description: 'Why the case should be reopened.' })
  readonly grounds!: ReopeningGrounds;

  @Text(TEXT.medium, { description: 'In words.' })
  readonly reason!: string;
}

export class DecideReopeningDto {
  @Flag({ description: 'true: the case reopens at the stage it closed in.' })
  readonly granted!: boolean;

  @Text(TEXT.medium, { description: 'The chair\'s reasons.' })
  readonly reason!: string;
}

export class AddNoteDto {
  @Text(TEXT.long, { description: 'The note.' })
  readonly text!: string;

  @OneOf(NOTE_VISIBILITIES, { presence: 'optional', description: 'Who may read it: the parties (default) or the CDG only.' })
  readonly visibility?: NoteVisibility;
}

export class AddEvidenceDto {
  @Text(255, { description: 'The file\'s name.', example: 'notice-letter.pdf' })
  readonly filename!: string;

  @Custom('contentType', (value) => (typeof value === 'string' && value.length <= 200 && MEDIA_TYPE.test(value) ? null : 'must be a media type like application/pdf'), {
    type: String,
    maxLength: 200,
    description: 'Its media type.',
    example: 'application/pdf',
  })
  readonly contentType!: string;

  @Custom(
    'base64',
    (value) => {
      if (typeof value !== 'string' || value === '') return 'must be the file\'s content in base64';
      if (value.length > MAX_EVIDENCE_BASE64_CHARS) return 'must be at most 10 MB of content';
      return value.length % 4 === 0 && BASE64.test(value) ? null : 'must be the file\'s content in base64';
    },
    { type: String, format: 'byte', maxLength: MAX_EVIDENCE_BASE64_CHARS, description: 'The content, base64-encoded; 10 MB at most. Stored once by its SHA-256.' },
  )
  readonly contentBase64!: string;
}

export class RecordLessonDto {
  @Text(TEXT.long, { description: 'The lesson learned.' })
  readonly lesson!: string;

  @Clause({ presence: 'nullable', description: 'The Compact clause it is about (the annual report groups lessons by clause).' })
  readonly clause?: string | null;
}

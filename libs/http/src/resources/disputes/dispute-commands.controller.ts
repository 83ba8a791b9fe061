import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { type CaseCommandRequest, type CommandResult, RunDisputeCommand } from '#application';
import { NotFoundError } from '#core';
import { CASE_COMMANDS } from '#domain';
import { BODY_LIMITS } from '../../platform/security/body-limit.js';
import { plain, WriteContext } from '../shared/write-context.js';
import {
  AddEvidenceDto,
  AddNoteDto,
  AgreeResolutionDto,
  AppointMediatorDto,
  AppointPanelDto,
  ChooseRouteDto,
  CompleteActionDto,
  DecideReopeningDto,
  DeclareConflictDto,
  EmptyBodyDto,
  EndMediationDto,
  ExtendDeadlineDto,
  ExtendResponseDeadlineDto,
  IssueFindingsDto,
  LodgeFormalDto,
  ObjectToAppointmentDto,
  RecordExternalOutcomeDto,
  RecordHearingDto,
  RecordLessonDto,
  RecordSessionDto,
  ReferExternallyDto,
  ReferToCdgDto,
  RequestReopeningDto,
  RespondDto,
  RespondToFindingsDto,
  RuleOnObjectionDto,
  SuspendDto,
  VaryActionDto,
  WithdrawDto,
} from './command-dtos.js';
import { CommandRoute } from './command-route.decorator.js';

/**
 * `POST /disputes/{id}/{command}`: one route per case command, each validated against its own body
 * DTO (unknown fields refused) and sending the domain's typed command on the bus, so the compiler
 * holds each DTO to its command's payload. Who may send each, and what it does, is the domain's
 * (`DISPUTE_COMMANDS`). Any other command name is a 404 problem.
 */
@ApiTags('dispute commands')
@Controller('disputes')
export class DisputeCommandsController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  private send(caseId: string, command: CaseCommandRequest, { principal, options }: WriteContext): Promise<CommandResult> {
    return this.commands.execute(new RunDisputeCommand(principal, caseId, command, options));
  }

  // ---- stages 1 and 2 ---------------------------------------------------------------------------

  @CommandRoute('acknowledge', { noBody: true })
  acknowledge(@Param('id') id: string, @Body() _body: EmptyBodyDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'acknowledge', payload: {} }, write);
  }

  @CommandRoute('lodge-formal')
  lodgeFormal(@Param('id') id: string, @Body() body: LodgeFormalDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'lodge-formal', payload: plain(body) }, write);
  }

  @CommandRoute('extend-response-deadline')
  extendResponseDeadline(@Param('id') id: string, @Body() body: ExtendResponseDeadlineDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'extend-response-deadline', payload: plain(body) }, write);
  }

  @CommandRoute('respond')
  respond(@Param('id') id: string, @Body() body: RespondDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'respond', payload: plain(body) }, write);
  }

  @CommandRoute('refer-to-cdg')
  referToCdg(@Param('id') id: string, @Body() body: ReferToCdgDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'refer-to-cdg', payload: plain(body) }, write);
  }

  // ---- stage 3: the CDG, its appointments, mediation and the panel -------------------------------

  @CommandRoute('choose-route')
  chooseRoute(@Param('id') id: string, @Body() body: ChooseRouteDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'choose-route', payload: plain(body) }, write);
  }

  @CommandRoute('appoint-mediator')
  appointMediator(@Param('id') id: string, @Body() body: AppointMediatorDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'appoint-mediator', payload: plain(body) }, write);
  }

  @CommandRoute('appoint-panel')
  appointPanel(@Param('id') id: string, @Body() body: AppointPanelDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'appoint-panel', payload: plain(body) }, write);
  }

  @CommandRoute('declare-conflict')
  declareConflict(@Param('id') id: string, @Body() body: DeclareConflictDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'declare-conflict', payload: plain(body) }, write);
  }

  @CommandRoute('object-to-appointment')
  objectToAppointment(@Param('id') id: string, @Body() body: ObjectToAppointmentDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'object-to-appointment', payload: plain(body) }, write);
  }

  @CommandRoute('rule-on-objection')
  ruleOnObjection(@Param('id') id: string, @Body() body: RuleOnObjectionDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'rule-on-objection', payload: plain(body) }, write);
  }

  @CommandRoute('record-session')
  recordSession(@Param('id') id: string, @Body() body: RecordSessionDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'record-session', payload: plain(body) }, write);
  }

  @CommandRoute('end-mediation')
  endMediation(@Param('id') id: string, @Body() body: EndMediationDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'end-mediation', payload: plain(body) }, write);
  }

  @CommandRoute('record-hearing')
  recordHearing(@Param('id') id: string, @Body() body: RecordHearingDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'record-hearing', payload: plain(body) }, write);
  }

  @CommandRoute('issue-findings', { bodyLimit: BODY_LIMITS.actionLists })
  issueFindings(@Param('id') id: string, @Body() body: IssueFindingsDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'issue-findings', payload: plain(body) }, write);
  }

  @CommandRoute('respond-to-findings')
  respondToFindings(@Param('id') id: string, @Body() body: RespondToFindingsDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'respond-to-findings', payload: plain(body) }, write);
  }

  // ---- resolution and agreed actions --------------------------------------------------------------

  @CommandRoute('agree-resolution', { bodyLimit: BODY_LIMITS.actionLists })
  agreeResolution(@Param('id') id: string, @Body() body: AgreeResolutionDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'agree-resolution', payload: plain(body) }, write);
  }

  @CommandRoute('complete-action')
  completeAction(@Param('id') id: string, @Body() body: CompleteActionDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'complete-action', payload: plain(body) }, write);
  }

  @CommandRoute('vary-action')
  varyAction(@Param('id') id: string, @Body() body: VaryActionDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'vary-action', payload: plain(body) }, write);
  }

  // ---- clocks ---------------------------------------------------------------------------------------

  @CommandRoute('suspend')
  suspend(@Param('id') id: string, @Body() body: SuspendDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'suspend', payload: plain(body) }, write);
  }

  @CommandRoute('resume', { noBody: true })
  resume(@Param('id') id: string, @Body() _body: EmptyBodyDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'resume', payload: {} }, write);
  }

  @CommandRoute('extend-deadline')
  extendDeadline(@Param('id') id: string, @Body() body: ExtendDeadlineDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'extend-deadline', payload: plain(body) }, write);
  }

  // ---- closure, outside bodies and reopening ----------------------------------------------------------

  @CommandRoute('withdraw')
  withdraw(@Param('id') id: string, @Body() body: WithdrawDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'withdraw', payload: plain(body) }, write);
  }

  @CommandRoute('refer-externally')
  referExternally(@Param('id') id: string, @Body() body: ReferExternallyDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'refer-externally', payload: plain(body) }, write);
  }

  @CommandRoute('record-external-outcome')
  recordExternalOutcome(@Param('id') id: string, @Body() body: RecordExternalOutcomeDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'record-external-outcome', payload: plain(body) }, write);
  }

  @CommandRoute('request-reopening')
  requestReopening(@Param('id') id: string, @Body() body: RequestReopeningDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'request-reopening', payload: plain(body) }, write);
  }

  @CommandRoute('decide-reopening')
  decideReopening(@Param('id') id: string, @Body() body: DecideReopeningDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'decide-reopening', payload: plain(body) }, write);
  }

  // ---- the case file ------------------------------------------------------------------------------------

  @CommandRoute('add-note')
  addNote(@Param('id') id: string, @Body() body: AddNoteDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'add-note', payload: plain(body) }, write);
  }

  @CommandRoute('add-evidence', { bodyLimit: BODY_LIMITS.evidence })
  addEvidence(@Param('id') id: string, @Body() body: AddEvidenceDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'add-evidence', payload: plain(body) }, write);
  }

  @CommandRoute('record-lesson')
  recordLesson(@Param('id') id: string, @Body() body: RecordLessonDto, @WriteContext() write: WriteContext) {
    return this.send(id, { name: 'record-lesson', payload: plain(body) }, write);
  }

  /** Static routes win over this one in Fastify's router, so it only sees names that are not commands. */
  @Post(':id/:command')
  @ApiExcludeEndpoint()
  unknownCommand(@Param('command') command: string): never {
    throw new NotFoundError(
      `There is no command called ${JSON.stringify(command.slice(0, 100))}. The commands are: ${CASE_COMMANDS.join(', ')}.`,
      'DISPUTE.UNKNOWN_COMMAND',
    );
  }
}

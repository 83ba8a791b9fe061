import { ForbiddenError, NotAllowedInStateError } from '#core';
import { type Actor } from '../shared/actor.js';
import { mayAttempt, refusalOfWhatIsNamed } from './command-permissions.js';
import * as actions from './deciders/actions.js';
import * as caseFile from './deciders/case-file.js';
import * as cdg from './deciders/cdg-stage.js';
import * as clocks from './deciders/clocks.js';
import * as closure from './deciders/closure.js';
import * as local from './deciders/local-stages.js';
import { decideRaise } from './deciders/raise.js';
import { type DecisionEnv } from './decision-env.js';
import { WORKING_DAY_WINDOWS } from './deadline-rules.js';
import { CASE_COMMANDS, COMMAND_EVENTS, type DisputeCommand, type DisputeCommandMap, type DisputeCommandName } from './dispute-commands.js';
import { type DisputeContext } from './dispute-context.js';
import { type DisputeEvent, type DisputeMachineEvent } from './dispute-events.js';
import { unfinishedActionIds } from './dispute-rules.js';
import { applyDisputeEvent, type DisputeSnapshot, ReplayError, stateNameOf } from './dispute-state.js';

type Decider<K extends DisputeCommandName> = (c: DisputeContext, payload: DisputeCommandMap[K], env: DecisionEnv) => DisputeEvent[];

const DECIDERS: { readonly [K in DisputeCommandName]: Decider<K> } = {
  raise: (_c, p, env) => decideRaise(p, env),
  acknowledge: local.decideAcknowledge,
  'lodge-formal': local.decideLodgeFormal,
  'extend-response-deadline': local.decideExtendResponse,
  respond: local.decideRespond,
  'refer-to-cdg': local.decideReferToCdg,
  'agree-resolution': local.decideAgreeResolution,
  'choose-route': cdg.decideChooseRoute,
  'appoint-mediator': cdg.decideAppointMediator,
  'appoint-panel': cdg.decideAppointPanel,
  'declare-conflict': cdg.decideDeclareConflict,
  'object-to-appointment': cdg.decideObject,
  'rule-on-objection': cdg.decideRuleOnObjection,
  'record-session': cdg.decideRecordSession,
  'end-mediation': cdg.decideEndMediation,
  'record-hearing': cdg.decideRecordHearing,
  'issue-findings': cdg.decideIssueFindings,
  'respond-to-findings': cdg.decideRespondToFindings,
  'complete-action': actions.decideCompleteAction,
  'vary-action': actions.decideVaryAction,
  'record-missed-action': actions.decideRecordMissedAction,
  suspend: clocks.decideSuspend,
  resume: clocks.decideResume,
  'extend-deadline': clocks.decideExtendDeadline,
  'record-missed-deadline': clocks.decideRecordMissedDeadline,
  withdraw: closure.decideWithdraw,
  'refer-externally': closure.decideReferExternally,
  'record-external-outcome': closure.decideRecordExternalOutcome,
  'request-reopening': closure.decideRequestReopening,
  'decide-reopening': closure.decideDecideReopening,
  'add-note': caseFile.decideAddNote,
  'add-evidence': caseFile.decideAddEvidence,
  'record-lesson': caseFile.decideRecordLesson,
};

const asMachineEvent = (e: DisputeEvent, actor: Actor, at: string) => ({ ...e, actor, at }) as DisputeMachineEvent;

/** Would the machine take this command's event now, from this actor? Asked without the command's data. */
function machineAllows(snapshot: DisputeSnapshot, name: DisputeCommandName, actor: Actor, at: string): boolean {
  return COMMAND_EVENTS[name].some((type) => snapshot.can({ type, data: {}, actor, at } as unknown as DisputeMachineEvent));
}

/** The commands this actor may send on this case now: the same machine that decides them answers. */
export function allowedCommands(snapshot: DisputeSnapshot, actor: Actor, at: string): DisputeCommandName[] {
  return CASE_COMMANDS.filter((name) => mayAttempt(name, snapshot.context, actor) && machineAllows(snapshot, name, actor, at));
}

export interface Decision {
  readonly events: DisputeEvent[];
  readonly snapshot: DisputeSnapshot;
}

function notAllowed(snapshot: DisputeSnapshot, name: string, env: DecisionEnv): NotAllowedInStateError {
  const state = stateNameOf(snapshot);
  return new NotAllowedInStateError(
    `${name} is not allowed while the case is in ${state}.`,
    state,
    allowedCommands(snapshot, env.actor, env.at),
  );
}

/**
 * The one pure decision for every case command: who may send it (403), whether the process allows
 * it now (409), what it says (400), then the events, each checked by the machine. A command that
 * ends the case is followed by CaseClosed in the same write.
 */
export function decideDispute(snapshot: DisputeSnapshot, command: DisputeCommand, env: DecisionEnv): Decision {
  const { name } = command;
  // Another organisation's action is the most telling refusal, so it is judged first.
  const refusal = refusalOfWhatIsNamed(command, snapshot.context, env.actor);
  if (refusal !== null) throw new ForbiddenError(refusal, 'DISPUTE.NOT_ACTION_OWNER');
  if (!mayAttempt(name, snapshot.context, env.actor)) {
    throw new ForbiddenError(`As ${env.actor.role}${env.actor.organisationId ? ` for ${env.actor.organisationId}` : ''} you may not ${name} on this case.`);
  }
  // The engine's own facts name a specific deadline or action: only the full event can be judged.
  const judgedOnData = name === 'record-missed-deadline' || name === 'record-missed-action';
  if (name === 'raise' ? stateNameOf(snapshot) !== 'new' : !judgedOnData && !machineAllows(snapshot, name, env.actor, env.at)) {
    throw notAllowed(snapshot, name, env);
  }
  const decider = DECIDERS[name] as Decider<typeof name>;
  const events = decider(snapshot.context, command.payload as never, env);
  let state = snapshot;
  try {
    for (const event of events) state = applyDisputeEvent(state, asMachineEvent(event, env.actor, env.at));
    if (stateNameOf(state) === 'closing') {
      const closedOn = env.calendar.londonDate(env.at);
      const window = env.calendar.workingDaysAfter(closedOn, WORKING_DAY_WINDOWS.reopening);
      const closed: DisputeEvent = {
        type: 'CaseClosed',
        data: {
          outcome: state.context.pendingOutcome ?? 'withdrawn',
          closedOn,
          reopenableUntil: window.dueOn,
          reopenableUntilRule: window.rule,
          calendarVersion: window.calendarVersion,
          unfinishedActionIds: unfinishedActionIds(state.context),
        },
      };
      state = applyDisputeEvent(state, asMachineEvent(closed, env.actor, env.at));
      events.push(closed);
    }
  } catch (error) {
    if (error instanceof ReplayError) throw notAllowed(snapshot, name, env);
    throw error;
  }
  return { events, snapshot: state };
}

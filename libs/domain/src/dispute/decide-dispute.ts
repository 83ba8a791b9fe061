import { ForbiddenError, NotAllowedInStateError } from '#core';
import { type Actor } from '../shared/actor.js';
import { caseClosed } from './closure/closure.commands.js';
import { type CommandRule } from './command-rule.js';
import { type DecisionEnv } from './decision-env.js';
import {
  CASE_COMMANDS,
  type CaseCommandName,
  DISPUTE_COMMANDS,
  type DisputeCommand,
  type DisputeCommandMap,
  type DisputeCommandName,
  isEngineCommand,
  mayAttempt,
} from './dispute-commands.js';
import { type DisputeEvent, type DisputeMachineEvent } from './dispute-events.js';
import { applyDisputeEvent, type DisputeSnapshot, ReplayError, stateNameOf } from './dispute-state.js';

// A decided event is only ever its type and data (DisputeEvent), so it is built field by field rather than spread.
const asMachineEvent = (e: DisputeEvent, actor: Actor, at: string) => ({ type: e.type, data: e.data, actor, at }) as DisputeMachineEvent;

/**
 * The last question machineAllows answered. The write path asks it twice for one command (choosing
 * the actor, then deciding) of the very same case state and actor objects; both are never changed
 * in place, so the same objects and time give the same answer.
 */
let lastAsked: { snapshot: DisputeSnapshot; name: DisputeCommandName; actor: Actor; at: string; allowed: boolean } | null = null;

/**
 * Would the machine take this command's event now, from this actor? Asked before the payload is
 * decided, so the event carries no data: guards that read it take what is missing as "any".
 */
export function machineAllows(snapshot: DisputeSnapshot, name: DisputeCommandName, actor: Actor, at: string): boolean {
  const last = lastAsked;
  if (last !== null && last.snapshot === snapshot && last.actor === actor && last.name === name && last.at === at) return last.allowed;
  const allowed = DISPUTE_COMMANDS[name].events.some((type) => snapshot.can({ type, data: {}, actor, at } as unknown as DisputeMachineEvent));
  lastAsked = { snapshot, name, actor, at, allowed };
  return allowed;
}

/** May this actor send this command on this case now: who may send it at all, and the machine, both say yes. */
export const mayNow = (snapshot: DisputeSnapshot, name: DisputeCommandName, actor: Actor, at: string): boolean =>
  mayAttempt(name, snapshot.context, actor) && machineAllows(snapshot, name, actor, at);

/** The commands this actor may send on this case now: the same machine that decides them answers. */
export function allowedCommands(snapshot: DisputeSnapshot, actor: Actor, at: string): CaseCommandName[] {
  return CASE_COMMANDS.filter((name) => mayNow(snapshot, name, actor, at));
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

/** One command with its payload, typed together so its rule is found by name without a cast. */
type CommandOf<K extends DisputeCommandName> = { readonly name: K; readonly payload: DisputeCommandMap[K] };

function decideEvents<K extends DisputeCommandName>(snapshot: DisputeSnapshot, command: CommandOf<K>, env: DecisionEnv): DisputeEvent[] {
  const rule: CommandRule<DisputeCommandMap[K]> = DISPUTE_COMMANDS[command.name];
  const { context } = snapshot;
  // Another organisation's action is the most telling refusal, so it is judged first.
  const refusal = rule.refusalFor?.(context, command.payload, env.actor) ?? null;
  if (refusal !== null) throw new ForbiddenError(refusal, 'DISPUTE.NOT_ACTION_OWNER');
  if (!rule.who.may(context, env.actor)) {
    throw new ForbiddenError(
      `As ${env.actor.role}${env.actor.organisationId ? ` for ${env.actor.organisationId}` : ''} you may not ${command.name} on this case.`,
    );
  }
  // Raising is for a new case only; the engine's own facts name a specific deadline or action, so
  // only their full events can be judged (below). Every other command is judged before its payload.
  const allowedNow =
    command.name === 'raise' ? stateNameOf(snapshot) === 'new' : isEngineCommand(command.name) || machineAllows(snapshot, command.name, env.actor, env.at);
  if (!allowedNow) throw notAllowed(snapshot, command.name, env);
  return rule.decide(context, command.payload, env);
}

/**
 * The one pure decision for every case command: who may send it (403), whether the process allows
 * it now (409), what it says (400), then the events, each checked by the machine. A command that
 * ends the case is followed by CaseClosed in the same write.
 */
export function decideDispute(snapshot: DisputeSnapshot, command: DisputeCommand, env: DecisionEnv): Decision {
  const events = decideEvents(snapshot, command, env);
  let state = snapshot;
  try {
    for (const event of events) state = applyDisputeEvent(state, asMachineEvent(event, env.actor, env.at));
    if (stateNameOf(state) === 'closing') {
      const closed = caseClosed(state.context, env);
      state = applyDisputeEvent(state, asMachineEvent(closed, env.actor, env.at));
      events.push(closed);
    }
  } catch (error) {
    if (error instanceof ReplayError) throw notAllowed(snapshot, command.name, env);
    throw error;
  }
  return { events, snapshot: state };
}

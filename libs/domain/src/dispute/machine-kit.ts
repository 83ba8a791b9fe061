import { assign } from 'xstate';
import { type DeadlineStep } from './clocks/deadline-rules.js';
import { type CaseCommandName } from './dispute-commands.js';
import { type DisputeContext, type StepName } from './dispute-context.js';
import { type DisputeMachineEvent } from './dispute-events.js';

/*
 * The small pieces every stage's part of the machine is written with: named guards, named pure
 * updates (XState actions), and what each state says is owed in it.
 */

export interface GuardArgs {
  readonly context: DisputeContext;
  readonly event: DisputeMachineEvent;
}

/**
 * A named guard. When `allowedCommands` asks the machine before a payload is decided, the event
 * carries no data: a guard that reads the data takes what is missing as "any".
 */
export type Guard<P = undefined> = (args: GuardArgs, params: P) => boolean;

/**
 * A named action that folds one fact into the case: a pure update of the context by the event (and
 * the transition's params). Updates narrow the event with `assertEvent`; each also records when
 * the case last changed. Several on one transition run in order, each seeing the last one's result.
 */
export function update<P = undefined>(fold: (c: DisputeContext, e: DisputeMachineEvent, params: P) => Partial<DisputeContext>) {
  return assign<DisputeContext, DisputeMachineEvent, P, DisputeMachineEvent, never>(({ context, event }, params) => ({
    ...fold(context, event, params),
    lastEventAt: event.at,
  }));
}

/** Who owes a step of a state: each expands to one item per organisation, person or CDG role (next-steps.ts). */
export type OwedByWhom = 'complainant' | 'respondents' | 'parties' | 'appointees' | 'chair' | 'secretariat' | 'action-owners';

/** Something owed while the case is in a state: who owes it, on which clock, and the commands that settle it. */
export interface OwedStep {
  readonly by: OwedByWhom;
  /** The clock it runs on: a deadline step, an agreed action's due date, or none (an objection awaits the chair undated). */
  readonly clock: DeadlineStep | 'agreed-action' | 'objection';
  /**
   * The commands that settle it, the usual one first. Someone owes it when the machine lets them
   * send one of these now; none at all means it is owed without a command of its own (a respondent's
   * share of resolving informally).
   */
  readonly commands: readonly CaseCommandName[];
  /** Instead of the clock's own title (DEADLINE_RULES). */
  readonly title?: string;
}

/** Each state's `meta`: what is owed while the case is in it. */
export interface DisputeStateMeta {
  readonly owed: readonly OwedStep[];
}

export const owed = (...steps: OwedStep[]): DisputeStateMeta => ({ owed: steps });

/**
 * A step of the process, as its state node begins: entering it records the step (suspension and
 * reopening return to it, `enterStep`), and its meta says what is owed in it.
 */
export const step = (name: StepName, ...owedInIt: OwedStep[]) => ({
  entry: { type: 'enterStep', params: { step: name } } as const,
  meta: owed(...owedInIt),
});

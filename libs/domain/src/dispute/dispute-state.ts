import { type ActorScope, createActor, type EventFromLogic, initialTransition, type SnapshotFrom } from 'xstate';
import { type DisputeContext, stageOfStep, type StepName } from './dispute-context.js';
import { type DisputeMachineEvent } from './dispute-events.js';
import { disputeMachine } from './dispute-machine.js';
import { type Stage } from './vocabulary.js';

export type DisputeSnapshot = SnapshotFrom<typeof disputeMachine>;

/** A stored event the machine refuses, or that changes nothing, means the log and the machine disagree. */
export class ReplayError extends Error {
  constructor(
    message: string,
    readonly eventType: string,
  ) {
    super(message);
    this.name = 'ReplayError';
  }
}

/**
 * Working the initial state out builds an actor and enters the machine's first states, on every
 * raise and every rebuild; snapshots are never changed in place (every fold makes a new one), so
 * one is worked out and shared, as the projections already share it between their new cases.
 */
const INITIAL_SNAPSHOT: DisputeSnapshot = initialTransition(disputeMachine)[0];

export function initialDisputeSnapshot(): DisputeSnapshot {
  return INITIAL_SNAPSHOT;
}

/**
 * XState's `transition()` builds a new inert actor on every call, and building one works out the
 * machine's initial state: that was most of the cost of each fold, on the write path and in every
 * read model. The machine invokes and spawns nothing and its only actions are assignments (done
 * inside the transition), so one inert scope serves every fold; any other action it named would
 * be dropped here, as `transition()`'s callers dropped its list of actions to run.
 */
const inertActor = createActor(disputeMachine);
const INERT_SCOPE: ActorScope<DisputeSnapshot, EventFromLogic<typeof disputeMachine>> = {
  self: inertActor,
  id: '',
  sessionId: '',
  logger: () => {},
  defer: () => {},
  emit: () => {},
  system: inertActor.system,
  stopChild: () => {},
  actionExecutor: () => {},
};

/** Folds one event into the case, refusing anything the machine would not have allowed. */
export function applyDisputeEvent(snapshot: DisputeSnapshot, event: DisputeMachineEvent): DisputeSnapshot {
  const next = disputeMachine.transition(snapshot, event, INERT_SCOPE);
  // The machine gives back the same state for an event it refuses, so only then is it asked why
  // (asking first would work every transition out twice on every fold).
  if (next.context === snapshot.context && stateNameOf(next) === stateNameOf(snapshot)) {
    const why = snapshot.can(event) ? 'changed nothing' : 'is not allowed';
    throw new ReplayError(`${event.type} ${why} in ${stateNameOf(snapshot)}`, event.type);
  }
  return next;
}

export function replayDispute(events: Iterable<DisputeMachineEvent>): DisputeSnapshot {
  let snapshot = initialDisputeSnapshot();
  for (const event of events) snapshot = applyDisputeEvent(snapshot, event);
  return snapshot;
}

type StateValue = string | { [key: string]: StateValue };

function dotted(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0] ?? ['', ''];
  return child === undefined || (typeof child === 'object' && Object.keys(child).length === 0) ? key : `${key}.${dotted(child)}`;
}

/** A state a case rests in between commands: a step of stages 1–3, or one of these. */
export type RestingState = 'new' | StepName | 'actionsOpen' | 'suspended' | 'closed';

/** Every state a snapshot may be in after an event: resting, or `closing` within the write that ends the case. */
export type DisputeStateName = RestingState | 'closing';

/**
 * States the machine passes through within one write and never rests in: the command that ends a
 * case appends CaseClosed with it, so nobody may observe `closing` (not a list filter, not a replay step).
 */
export const PASSING_STATES: readonly string[] = ['closing'];

export const isPassingState = (state: string): boolean => PASSING_STATES.includes(state);

/** The dotted state name the API shows, e.g. `formal.awaitingResponse`. */
export function stateNameOf(snapshot: DisputeSnapshot): DisputeStateName {
  return dotted(snapshot.value as StateValue) as DisputeStateName;
}

/**
 * Stage 1–3 while the process runs (the stage it was in while suspended or carrying out actions);
 * 4 once referred to an outside body (process.md: stage 4 is `closed` with outcome
 * `referred-externally`); null once closed otherwise.
 */
export function stageOfSnapshot(snapshot: DisputeSnapshot): Stage | null {
  const state = stateNameOf(snapshot);
  const context: DisputeContext = snapshot.context;
  if (state === 'closed' && context.outcome === 'referred-externally') return 4;
  if (state === 'closed' || state === 'closing' || state === 'new') return null;
  if (state === 'suspended') return context.suspension ? stageOfStep(context.suspension.from) : null;
  // Every other state (a step, or actionsOpen) is at the stage of the step it is in or came from.
  return context.step ? stageOfStep(context.step) : null;
}

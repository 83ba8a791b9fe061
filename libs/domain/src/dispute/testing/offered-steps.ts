import { allowedCommands } from '../decide-dispute.js';
import { type DisputeMachineEvent } from '../dispute-events.js';
import { applyDisputeEvent, initialDisputeSnapshot, type DisputeSnapshot, stateNameOf } from '../dispute-state.js';
import { actorOf, nextSteps } from '../next-steps.js';

/**
 * Each command a next step offers (its action and alternatives) that the machine would not let the
 * step's audience send then: empty when the work queue only ever asks for what the case allows.
 */
export function offeredButNotAllowed(snapshot: DisputeSnapshot, at: string): string[] {
  return nextSteps(snapshot, at).flatMap((step) => {
    const allowed = allowedCommands(snapshot, actorOf(step), at);
    return [...(step.action === null ? [] : [step.action]), ...step.alternatives]
      .filter((name) => !allowed.includes(name))
      .map((name) => `${stateNameOf(snapshot)}: ${name} for ${step.forRole} ${step.audienceId}`);
  });
}

/** The same after every event of a history, at the time of that event (as the case projection asks). */
export function offeredButNotAllowedAlong(log: readonly DisputeMachineEvent[]): string[] {
  let snapshot = initialDisputeSnapshot();
  return log.flatMap((event) => {
    snapshot = applyDisputeEvent(snapshot, event);
    return offeredButNotAllowed(snapshot, event.at);
  });
}

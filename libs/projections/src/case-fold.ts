import { applyDisputeEvent, type DisputeMachineEvent, type DisputeSnapshot, initialDisputeSnapshot } from '#domain';

/**
 * The cases and report projections both fold every case event through the machine. Folding is
 * pure, so when both hold the very same state object and fold the same event (by content), the
 * second takes the first one's result instead of folding again: then they hold the same object
 * for the case's next event too. New cases start from one shared initial state, so this holds
 * from a case's first event on (a state restored from a file is the projection's own, and is
 * folded as before). Only recent results are kept: the projections follow the same log closely.
 */
export const INITIAL_CASE_STATE: DisputeSnapshot = initialDisputeSnapshot();

const folded = new WeakMap<DisputeSnapshot, Map<string, DisputeSnapshot>>();
/** The initial state has one successor per case; any other state has one per lineage. */
const MOST_SUCCESSORS = 4_096;

export function foldCaseEvent(before: DisputeSnapshot, machineEvent: DisputeMachineEvent): DisputeSnapshot {
  const key = JSON.stringify(machineEvent);
  let successors = folded.get(before);
  const known = successors?.get(key);
  if (known !== undefined) return known;
  const next = applyDisputeEvent(before, machineEvent);
  if (!successors) folded.set(before, (successors = new Map()));
  if (successors.size >= MOST_SUCCESSORS) successors.clear();
  successors.set(key, next);
  return next;
}

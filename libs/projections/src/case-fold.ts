import { applyDisputeEvent, type DisputeMachineEvent, type DisputeSnapshot, initialDisputeSnapshot } from '#domain';

/**
 * The cases and report projections both fold every case event through the machine. Folding is
 * pure, so when both hold the very same state object and fold the same stored event (by its id:
 * events are immutable), the second takes the first one's result instead of folding again: then
 * they hold the same object for the case's next event too. New cases start from one shared
 * initial state, so this holds from a case's first event on (a state restored from a file is the
 * projection's own, and is folded as before). A result is kept until it is taken, and only the
 * most recent ones: the projections follow the same log closely, and nothing here may keep old
 * states alive. (Keyed by content instead, two cases' events alike to the millisecond — the same
 * person acknowledging both — took each other's place.)
 */
export const INITIAL_CASE_STATE: DisputeSnapshot = initialDisputeSnapshot();

const folded = new Map<string, { readonly before: DisputeSnapshot; readonly next: DisputeSnapshot }>();
const MOST_KEPT = 2_048;

export function foldCaseEvent(before: DisputeSnapshot, eventId: string, machineEvent: DisputeMachineEvent): DisputeSnapshot {
  const known = folded.get(eventId);
  if (known !== undefined && known.before === before) {
    folded.delete(eventId);
    return known.next;
  }
  const next = applyDisputeEvent(before, machineEvent);
  if (folded.size >= MOST_KEPT) folded.delete(folded.keys().next().value as string);
  folded.set(eventId, { before, next });
  return next;
}

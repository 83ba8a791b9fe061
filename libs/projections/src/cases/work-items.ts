import { type DisputeSnapshot, nextSteps, type NextStep } from '#domain';

export type { WorkAudience } from '#domain';

/**
 * One row of the work queue: a step the machine says someone owes next (`task`, nextSteps in the
 * domain), or an `alert` for the chair that a CDG deadline was recorded missed.
 */
export interface WorkItemSpec extends NextStep {
  readonly kind: 'task' | 'alert';
}

/**
 * A CDG clock recorded missed on a step someone else's queue holds: the chair is alerted, once per
 * clock (the three panelists each hold the hearing, but it is one deadline).
 */
function alerts(items: readonly WorkItemSpec[]): WorkItemSpec[] {
  const missed = items.filter((i) => i.missed && i.owedBy === 'cdg' && i.audience !== 'cdg');
  return missed
    .filter((i, index) => missed.findIndex((other) => other.deadlineId === i.deadlineId) === index)
    .map((i) => ({
      ...i,
      audience: 'cdg' as const,
      audienceId: '',
      forRole: 'chair' as const,
      kind: 'alert' as const,
      action: null,
      alternatives: [],
      title: `Missed CDG deadline: ${i.title}`,
      organisationId: null,
    }));
}

/** Everything outstanding on a case, in a stable order, as the machine answers at the time of its last event. */
export function workItemsOf(snapshot: DisputeSnapshot, at: string): WorkItemSpec[] {
  const items = nextSteps(snapshot, at).map((step): WorkItemSpec => ({ ...step, kind: 'task' }));
  return [...items, ...alerts(items)];
}

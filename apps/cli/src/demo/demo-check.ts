import { type DisputeSnapshot, initialDisputeSnapshot, stateNameOf, type WorkingDayCalendar } from '#domain';
import { type DemoPlan } from './demo-plan.js';
import { DemoStepError, placeOf } from './demo-step-error.js';
import { decideDemoStep, demoWorld, senderName } from './demo-world.js';
import { engineDuties } from './engine-duties.js';

/**
 * Replays a plan through the pure engine exactly as the loader sends it, in its time order: every
 * case as it ends (by case index). A refused step throws a DemoStepError naming the case, the step
 * and the instant.
 */
export function replayDemoPlan(plan: DemoPlan, calendar: WorkingDayCalendar): Map<number, DisputeSnapshot> {
  const world = demoWorld(plan.directory, plan.registeredAt, calendar);
  const snapshots = new Map<number, DisputeSnapshot>();
  for (const step of plan.steps) {
    const planned = plan.cases[step.caseIndex]!;
    try {
      snapshots.set(step.caseIndex, decideDemoStep(world, planned.id, snapshots.get(step.caseIndex) ?? initialDisputeSnapshot(), step));
    } catch (error) {
      throw new DemoStepError(placeOf(step, planned, plan.now, (by) => senderName(world, by)), error);
    }
  }
  return snapshots;
}

/**
 * What does not hold in a plan, given the cases as the engine leaves them: steps out of time order
 * or after `now`, a case that ends elsewhere than the plan meant, a case on which a scheduler run
 * at `now` would still record something. Empty when the plan is sound.
 */
export function checkDemoPlan(plan: DemoPlan, snapshots: ReadonlyMap<number, DisputeSnapshot>, calendar: WorkingDayCalendar): string[] {
  const problems: string[] = [];
  const lastAt = new Map<number, string>();
  for (const step of plan.steps) {
    const where = `Demo case ${step.caseIndex} (${plan.cases[step.caseIndex]?.story}), step ${step.stepIndex + 1} "${step.label}" at ${step.at}`;
    if (step.at < (lastAt.get(step.caseIndex) ?? '')) problems.push(`${where} comes before the case's previous step`);
    if (step.at > plan.now) problems.push(`${where} is after now (${plan.now})`);
    lastAt.set(step.caseIndex, step.at);
  }
  const today = calendar.londonDate(plan.now);
  for (const planned of plan.cases) {
    const snapshot = snapshots.get(planned.index);
    const where = `Demo case ${planned.index} (${planned.story}), planned as of ${plan.now},`;
    if (!snapshot) {
      problems.push(`${where} was never raised`);
      continue;
    }
    const state = stateNameOf(snapshot);
    const outcome = snapshot.context.outcome ?? undefined;
    if (state !== planned.end.state || outcome !== planned.end.outcome) {
      problems.push(`${where} ends in ${state}${outcome ? ` (${outcome})` : ''}, not ${planned.end.state}${planned.end.outcome ? ` (${planned.end.outcome})` : ''}`);
    }
    const left = engineDuties(planned.id, snapshot.context, today);
    if (left.length > 0) problems.push(`${where} still has for the scheduler: ${left.map((d) => d.idempotencyKey).join(', ')}`);
  }
  return problems;
}

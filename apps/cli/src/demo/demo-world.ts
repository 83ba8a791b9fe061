import { actorsFor, chooseActor, type Principal, SYSTEM_PRINCIPAL } from '#application';
import { decideDispute, type DirectoryLookup, type DisputeCommand, type DisputeSnapshot, type WorkingDayCalendar } from '#domain';
import { type DemoDirectory, directoryLookup, principalOf } from './demo-directory.js';
import { type DemoCommand } from './demo-process-steps.js';

/** The engine as a pure function: the calendar, the directory and the people who send commands. */
export interface DemoWorld {
  readonly calendar: WorkingDayCalendar;
  readonly directory: DirectoryLookup;
  readonly principals: ReadonlyMap<string, Principal>;
}

/** The one who sends a step: a person's id, or `system` for what the engine records itself. */
export type DemoSender = string;
export const ENGINE: DemoSender = 'system';

export function demoWorld(directory: DemoDirectory, registeredAt: string, calendar: WorkingDayCalendar): DemoWorld {
  return {
    calendar,
    directory: directoryLookup(directory, registeredAt),
    principals: new Map(directory.people.map((p) => [p.id, principalOf(p)])),
  };
}

/** A sender as people read it in an error message. */
export const senderName = (world: DemoWorld, by: DemoSender): string => (by === ENGINE ? 'the engine' : (world.principals.get(by)?.name ?? by));

export function principalFor(world: DemoWorld, by: DemoSender): Principal {
  if (by === ENGINE) return SYSTEM_PRINCIPAL;
  const principal = world.principals.get(by);
  if (!principal) throw new Error(`no demo person ${by}`);
  return principal;
}

/**
 * Decides one step exactly as DisputeCommandService does (the actor chosen from the sender's
 * roles, then the pure decision), without a store: the case after it, or the refusal it throws.
 */
export function decideDemoStep(world: DemoWorld, caseId: string, snapshot: DisputeSnapshot, step: { at: string; by: DemoSender; command: DemoCommand }): DisputeSnapshot {
  const command = (step.command.name === 'raise' ? { name: 'raise', payload: { ...step.command.payload, caseId } } : step.command) as DisputeCommand;
  const principal = principalFor(world, step.by);
  // Everyone in the demo holds one role, so it is the actor chooseActor would pick; asking it costs a transition.
  const candidates = actorsFor(principal);
  const actor = candidates.length === 1 ? candidates[0]! : chooseActor(principal, command.name, snapshot, step.at);
  return decideDispute(snapshot, command, { at: step.at, actor, calendar: world.calendar, directory: world.directory }).snapshot;
}

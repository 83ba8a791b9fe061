import { type Actor } from '../../shared/actor.js';
import { type DisputeCommand, type DisputeCommandName } from '../dispute-commands.js';
import { type DisputeContext } from '../dispute-context.js';
import { payloadContext } from './command-examples.js';
import { EXAMPLES } from './commands.js';

/**
 * A payload for any command that fits the case as it stands: the action, deadline, appointee or
 * objection it names exists. `variant` 0 is the plain valid payload; other variants pick other valid
 * values, and the highest ones (8, 9) break a rule the decider checks, so random histories also
 * exercise the 400s. Each stage's examples say how (`plausible` in its `*.testing.ts`).
 */
export function plausibleCommand(name: DisputeCommandName, c: DisputeContext, actor: Actor, today: string, variant = 0, pick = 0): DisputeCommand {
  return { name, payload: EXAMPLES[name].plausible(payloadContext(c, actor, today, variant, pick)) } as DisputeCommand;
}

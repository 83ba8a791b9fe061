import { ACTIONS_EXAMPLES } from '../actions/actions.testing.js';
import { CASE_FILE_EXAMPLES } from '../case-file/case-file.testing.js';
import { CDG_EXAMPLES } from '../cdg/cdg.testing.js';
import { CLOCKS_EXAMPLES } from '../clocks/clocks.testing.js';
import { CLOSURE_EXAMPLES } from '../closure/closure.testing.js';
import { type DisputeCommand, type DisputeCommandMap, type DisputeCommandName } from '../dispute-commands.js';
import { FORMAL_EXAMPLES } from '../formal/formal.testing.js';
import { RAISING_EXAMPLES } from '../raising/raising.testing.js';
import { type CommandExamples } from './command-examples.js';

/** Every command's example payloads, from each stage's `*.testing.ts` beside its commands. */
export const EXAMPLES: CommandExamples<DisputeCommandMap> = {
  ...RAISING_EXAMPLES,
  ...FORMAL_EXAMPLES,
  ...CDG_EXAMPLES,
  ...ACTIONS_EXAMPLES,
  ...CLOCKS_EXAMPLES,
  ...CLOSURE_EXAMPLES,
  ...CASE_FILE_EXAMPLES,
};

/** A valid payload for every command on the scenario's standard case (charity against council). */
export const DEFAULT_PAYLOADS = Object.fromEntries(Object.entries(EXAMPLES).map(([name, example]) => [name, example.valid])) as {
  readonly [K in DisputeCommandName]: DisputeCommandMap[K];
};

/** A command with the default payload, overridden where the test says so. */
export function command<K extends DisputeCommandName>(
  name: K,
  overrides: Partial<DisputeCommandMap[K]> = {},
): Extract<DisputeCommand, { name: K }> {
  return { name, payload: { ...DEFAULT_PAYLOADS[name], ...overrides } } as unknown as Extract<DisputeCommand, { name: K }>;
}

/** A command with a payload the types would not allow: for checking the deciders' own validation. */
export function rawCommand(name: DisputeCommandName, payload: Record<string, unknown>): DisputeCommand {
  return { name, payload } as unknown as DisputeCommand;
}

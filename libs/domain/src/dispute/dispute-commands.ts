import { type Actor } from '../shared/actor.js';
import { ACTIONS_COMMANDS, type ActionsCommands } from './actions/actions.commands.js';
import { CASE_FILE_COMMANDS, type CaseFileCommands } from './case-file/case-file.commands.js';
import { CDG_COMMANDS, type CdgCommands } from './cdg/cdg.commands.js';
import { CLOCKS_COMMANDS, type ClocksCommands } from './clocks/clocks.commands.js';
import { CLOSURE_COMMANDS, type ClosureCommands } from './closure/closure.commands.js';
import { type CommandTable } from './command-rule.js';
import { type DisputeContext } from './dispute-context.js';
import { FORMAL_COMMANDS, type FormalCommands } from './formal/formal.commands.js';
import { RAISING_COMMANDS, type RaisingCommands } from './raising/raising.commands.js';

export type { ActionInput } from './actions/agreed-actions.js';

/** What each command asks for, stage by stage, in the words of api.md. Imperative; the machine decides whether it may happen. */
export interface DisputeCommandMap
  extends RaisingCommands,
    FormalCommands,
    CdgCommands,
    ActionsCommands,
    ClocksCommands,
    ClosureCommands,
    CaseFileCommands {}

export type DisputeCommandName = keyof DisputeCommandMap;

export type DisputeCommand = {
  [K in DisputeCommandName]: { readonly name: K; readonly payload: DisputeCommandMap[K] };
}[DisputeCommandName];

/**
 * Every command's rule (events, who, decide), each beside its decider in its stage's folder. The
 * order is the order `allowed` lists commands in.
 */
export const DISPUTE_COMMANDS: CommandTable<DisputeCommandMap> = {
  ...RAISING_COMMANDS,
  ...FORMAL_COMMANDS,
  ...CDG_COMMANDS,
  ...ACTIONS_COMMANDS,
  ...CLOCKS_COMMANDS,
  ...CLOSURE_COMMANDS,
  ...CASE_FILE_COMMANDS,
};

/**
 * Facts the engine records itself (the deadline scheduler; the secretariat may too): each names a
 * deadline or an action, so only its event can be judged, and nobody sends it over the API.
 */
export const ENGINE_COMMANDS = ['record-missed-deadline', 'record-missed-action'] as const satisfies readonly DisputeCommandName[];
export type EngineCommandName = (typeof ENGINE_COMMANDS)[number];

/** The commands people send on an existing case (`POST /disputes/{id}/{command}`): all but raising and the engine's own. */
export type CaseCommandName = Exclude<DisputeCommandName, 'raise' | EngineCommandName>;
export type CaseCommand = Extract<DisputeCommand, { readonly name: CaseCommandName }>;
export type EngineCommand = Extract<DisputeCommand, { readonly name: EngineCommandName }>;

export const isEngineCommand = (name: string): name is EngineCommandName => (ENGINE_COMMANDS as readonly string[]).includes(name);

export const isCaseCommand = (name: string): name is CaseCommandName =>
  Object.hasOwn(DISPUTE_COMMANDS, name) && name !== 'raise' && !isEngineCommand(name);

export const CASE_COMMANDS: readonly CaseCommandName[] = Object.keys(DISPUTE_COMMANDS).filter(isCaseCommand);

/** Who may send this command at all, whatever the state: failing it is a 403. */
export const mayAttempt = (name: DisputeCommandName, c: DisputeContext, actor: Actor): boolean => DISPUTE_COMMANDS[name].who.may(c, actor);

import { type Actor } from '../shared/actor.js';
import { mayParticipate } from './case-visibility.js';
import { type DisputeContext } from './dispute-context.js';
import { type DisputeCommand, type DisputeCommandMap, type DisputeCommandName } from './dispute-commands.js';
import {
  isAppointee,
  isCaseMediator,
  isCasePanelist,
  isComplainant,
  isParty,
  isRespondent,
  mayCompleteActions,
  mayCompleteNamedAction,
  mayRecordLesson,
} from './dispute-rules.js';

type Who = (c: DisputeContext, actor: Actor) => boolean;

const role =
  (...roles: string[]): Who =>
  (_c, actor) =>
    roles.includes(actor.role);
const anyOf =
  (...who: Who[]): Who =>
  (c, actor) =>
    who.some((w) => w(c, actor));

/**
 * Who may send each command at all, whatever the case's state (api.md's "by" column). Failing this
 * is a 403; passing it but not the machine is a 409 that names the state.
 */
export const COMMAND_PERMISSIONS: { readonly [K in DisputeCommandName]: Who } = {
  raise: role('partner', 'secretariat'),
  acknowledge: isRespondent,
  'lodge-formal': isComplainant,
  'extend-response-deadline': isRespondent,
  respond: isRespondent,
  'refer-to-cdg': isComplainant,
  'choose-route': role('chair'),
  'appoint-mediator': role('secretariat'),
  'appoint-panel': role('secretariat'),
  'declare-conflict': isAppointee,
  'object-to-appointment': isParty,
  'rule-on-objection': role('chair'),
  'record-session': isCaseMediator,
  'end-mediation': isCaseMediator,
  'record-hearing': isCasePanelist,
  'issue-findings': isCasePanelist,
  'respond-to-findings': isParty,
  'agree-resolution': anyOf(isComplainant, isCaseMediator),
  'complete-action': mayCompleteActions,
  'vary-action': role('secretariat'),
  suspend: role('secretariat'),
  resume: anyOf(isParty, role('secretariat', 'system')),
  'extend-deadline': role('secretariat'),
  withdraw: isComplainant,
  'refer-externally': isComplainant,
  'record-external-outcome': role('secretariat'),
  'request-reopening': isParty,
  'decide-reopening': role('chair'),
  'add-note': mayParticipate,
  'add-evidence': mayParticipate,
  'record-lesson': mayRecordLesson,
  'record-missed-deadline': role('system', 'secretariat'),
  'record-missed-action': role('system', 'secretariat'),
};

export const mayAttempt = (name: DisputeCommandName, c: DisputeContext, actor: Actor): boolean =>
  COMMAND_PERMISSIONS[name](c, actor);

/** Why this actor may not send this command with what it names, or null when they may. */
type WhyNotFor<K extends DisputeCommandName> = (c: DisputeContext, payload: DisputeCommandMap[K], actor: Actor) => string | null;

/**
 * Permission that depends on what the command names: whose action it is. Judged with the table
 * above, before the state, so another party's action is a 403 ("you may not"), never a 409.
 */
const PERMISSIONS_FOR_WHAT_IS_NAMED: { readonly [K in DisputeCommandName]?: WhyNotFor<K> } = {
  'complete-action': (c, p, actor) =>
    mayCompleteNamedAction(c, actor, p.actionId)
      ? null
      : `Only ${c.actions.find((a) => a.actionId === p.actionId)?.ownerId ?? 'its owner'}, who owns action ${p.actionId}, or the secretariat may complete it.`,
};

export function refusalOfWhatIsNamed(command: DisputeCommand, c: DisputeContext, actor: Actor): string | null {
  const whyNot = PERMISSIONS_FOR_WHAT_IS_NAMED[command.name] as WhyNotFor<typeof command.name> | undefined;
  return whyNot ? whyNot(c, command.payload as never, actor) : null;
}

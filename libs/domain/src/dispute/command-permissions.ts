import { type Actor } from '../shared/actor.js';
import { type DisputeContext } from './dispute-context.js';
import { type DisputeCommandName } from './dispute-commands.js';
import {
  isAppointee,
  isCaseMediator,
  isCasePanelist,
  isComplainant,
  isParty,
  isRespondent,
  mayParticipate,
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
  'complete-action': anyOf(isParty, role('secretariat')),
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

import { WORKING_DAY_WINDOWS } from '../clocks/deadline-rules.js';
import { anyOf, type CommandTable, role, sentBy } from '../command-rule.js';
import { type DisputeContext } from '../dispute-context.js';
import { invalid, optionalText, requireDate, requireText } from '../input-checks.js';
import { isComplainant } from '../parties.js';
import { isCaseMediator } from '../cdg/cdg.rules.js';
import { type AgreedAction } from './actions.context.js';
import { mayCompleteActions, mayCompleteNamedAction, outcomeOfResolution } from './actions.rules.js';
import { type ActionInput, agreedActionsFrom } from './agreed-actions.js';

/** What the resolution and agreed-action commands ask for, in the words of api.md. */
export interface ActionsCommands {
  'agree-resolution': { readonly terms: string; readonly actions: readonly ActionInput[] };
  'complete-action': { readonly actionId: string; readonly evidence?: string | null };
  'vary-action': { readonly actionId: string; readonly dueDate?: string | null; readonly description?: string | null; readonly reason: string };
  /** Sent by the deadline scheduler (or the secretariat) once an action's check day has come. */
  'record-missed-action': { readonly actionId: string };
}

function openAction(c: DisputeContext, actionId: string, field = 'actionId'): AgreedAction {
  const action = c.actions.find((a) => a.actionId === actionId);
  if (!action) invalid(field, `no agreed action ${actionId} on this case`);
  if (action.status !== 'open') invalid(field, `action ${actionId} is already ${action.status}`);
  return action;
}

export const ACTIONS_COMMANDS: CommandTable<ActionsCommands> = {
  /** The complainant records what both sides agreed at stages 1–2; the mediator in mediation. */
  'agree-resolution': {
    events: ['ResolutionAgreed'],
    summary: 'Record the resolution agreed, with its actions',
    who: sentBy('complainant at stages 1–2, mediator in mediation', anyOf(isComplainant, isCaseMediator)),
    decide: (c, p, env) => [
      {
        type: 'ResolutionAgreed',
        data: {
          terms: requireText(p.terms, 'terms'),
          actions: agreedActionsFrom(c, p.actions ?? [], env, 'actions', 'A'),
          outcome: outcomeOfResolution(c.step),
        },
      },
    ],
  },

  'complete-action': {
    events: ['ActionCompleted'],
    summary: 'Record an agreed action as done',
    who: sentBy('the action\'s owner, secretariat', mayCompleteActions),
    refusalFor: (c, p, actor) =>
      mayCompleteNamedAction(c, actor, p.actionId)
        ? null
        : `Only ${c.actions.find((a) => a.actionId === p.actionId)?.ownerId ?? 'its owner'}, who owns action ${p.actionId}, or the secretariat may complete it.`,
    decide(c, p) {
      const action = openAction(c, p.actionId);
      return [{ type: 'ActionCompleted', data: { actionId: action.actionId, evidence: optionalText(p.evidence) } }];
    },
  },

  'vary-action': {
    events: ['ActionVaried'],
    summary: "Change an agreed action's due date or description",
    who: role('secretariat'),
    decide(c, p, env) {
      const action = openAction(c, p.actionId);
      const dueDate = p.dueDate ? requireDate(p.dueDate, 'dueDate') : null;
      const description = optionalText(p.description);
      if (dueDate === null && description === null) invalid('dueDate', 'give a new due date or a new description');
      const check = dueDate ? env.calendar.workingDaysAfter(dueDate, WORKING_DAY_WINDOWS.actionCheck) : null;
      return [
        {
          type: 'ActionVaried',
          data: {
            actionId: action.actionId,
            dueDate,
            description,
            checkOn: check?.dueOn ?? null,
            checkRule: check?.rule ?? null,
            calendarVersion: check?.calendarVersion ?? null,
            reason: requireText(p.reason, 'reason'),
          },
        },
      ];
    },
  },

  'record-missed-action': {
    events: ['ActionMissed'],
    summary: 'Record an agreed action not done by its check day',
    who: role('system', 'secretariat'),
    decide(c, p, env) {
      const action = openAction(c, p.actionId);
      const window = env.calendar.workingDaysAfter(action.dueDate, WORKING_DAY_WINDOWS.reopening);
      return [
        {
          type: 'ActionMissed',
          data: {
            actionId: action.actionId,
            dueDate: action.dueDate,
            reopenableUntil: window.dueOn,
            reopenableUntilRule: window.rule,
            calendarVersion: window.calendarVersion,
          },
        },
      ];
    },
  },
};

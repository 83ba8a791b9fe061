import { type DecisionEnv } from '../decision-env.js';
import { type DisputeCommandMap } from '../dispute-commands.js';
import { type AgreedAction, type DisputeContext } from '../dispute-context.js';
import { type DisputeEvent } from '../dispute-events.js';
import { invalid, optionalText, requireDate, requireText } from './input-checks.js';
import { organisationActedFor } from '../../shared/actor.js';
import { ForbiddenError } from '#core';

type C = DisputeContext;

/** How long after a missed action's due date a party may still ask to reopen the case. */
const REOPENING_WINDOW_WD = 60;

function openAction(c: C, actionId: string, field = 'actionId'): AgreedAction {
  const action = c.actions.find((a) => a.actionId === actionId);
  if (!action) invalid(field, `no agreed action ${actionId} on this case`);
  if (action.status !== 'open') invalid(field, `action ${actionId} is already ${action.status}`);
  return action;
}

export function decideCompleteAction(c: C, p: DisputeCommandMap['complete-action'], env: DecisionEnv): DisputeEvent[] {
  const action = openAction(c, p.actionId);
  if (env.actor.role !== 'secretariat' && organisationActedFor(env.actor) !== action.ownerId) {
    throw new ForbiddenError(`Only ${action.ownerId}, who owns action ${action.actionId}, or the secretariat may complete it.`, 'DISPUTE.NOT_ACTION_OWNER');
  }
  return [{ type: 'ActionCompleted', data: { actionId: action.actionId, evidence: optionalText(p.evidence) } }];
}

export function decideVaryAction(c: C, p: DisputeCommandMap['vary-action'], env: DecisionEnv): DisputeEvent[] {
  const action = openAction(c, p.actionId);
  const dueDate = p.dueDate ? requireDate(p.dueDate, 'dueDate') : null;
  const description = optionalText(p.description);
  if (dueDate === null && description === null) invalid('dueDate', 'give a new due date or a new description');
  return [
    {
      type: 'ActionVaried',
      data: {
        actionId: action.actionId,
        dueDate,
        description,
        checkOn: dueDate ? env.calendar.addWorkingDays(dueDate, 5) : null,
        reason: requireText(p.reason, 'reason'),
      },
    },
  ];
}

export function decideRecordMissedAction(c: C, p: DisputeCommandMap['record-missed-action'], env: DecisionEnv): DisputeEvent[] {
  const action = openAction(c, p.actionId);
  return [
    {
      type: 'ActionMissed',
      data: {
        actionId: action.actionId,
        dueDate: action.dueDate,
        reopenableUntil: env.calendar.addWorkingDays(action.dueDate, REOPENING_WINDOW_WD),
      },
    },
  ];
}

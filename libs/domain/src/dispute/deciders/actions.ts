import { type DecisionEnv } from '../decision-env.js';
import { WORKING_DAY_WINDOWS } from '../deadline-rules.js';
import { type DisputeCommandMap } from '../dispute-commands.js';
import { type AgreedAction, type DisputeContext } from '../dispute-context.js';
import { type DisputeEvent } from '../dispute-events.js';
import { invalid, optionalText, requireDate, requireText } from './input-checks.js';

type C = DisputeContext;

function openAction(c: C, actionId: string, field = 'actionId'): AgreedAction {
  const action = c.actions.find((a) => a.actionId === actionId);
  if (!action) invalid(field, `no agreed action ${actionId} on this case`);
  if (action.status !== 'open') invalid(field, `action ${actionId} is already ${action.status}`);
  return action;
}

export function decideCompleteAction(c: C, p: DisputeCommandMap['complete-action'], _env: DecisionEnv): DisputeEvent[] {
  // Who may complete it (its owner, the secretariat) is judged before the state: command-permissions.ts.
  const action = openAction(c, p.actionId);
  return [{ type: 'ActionCompleted', data: { actionId: action.actionId, evidence: optionalText(p.evidence) } }];
}

export function decideVaryAction(c: C, p: DisputeCommandMap['vary-action'], env: DecisionEnv): DisputeEvent[] {
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
}

export function decideRecordMissedAction(c: C, p: DisputeCommandMap['record-missed-action'], env: DecisionEnv): DisputeEvent[] {
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
}

import { openDeadline } from '../clocks/clocks.rules.js';
import { startDeadline } from '../clocks/deadline-factory.js';
import { type CommandTable, sentBy } from '../command-rule.js';
import { invalid, requireText, requireWholeNumber } from '../input-checks.js';
import { isComplainant, isRespondent } from '../parties.js';

/** What the formal stage's commands ask for, in the words of api.md. */
export interface FormalCommands {
  'lodge-formal': { readonly grounds: string };
  'extend-response-deadline': { readonly workingDays: number; readonly reason: string };
  respond: { readonly response: string };
  'refer-to-cdg': { readonly reason: string };
}

export const FORMAL_COMMANDS: CommandTable<FormalCommands> = {
  'lodge-formal': {
    events: ['FormalComplaintLodged'],
    summary: 'Take the dispute to the formal stage (stage 2)',
    who: sentBy('complainant', isComplainant),
    decide: (c, p, env) => [
      {
        type: 'FormalComplaintLodged',
        data: {
          grounds: requireText(p.grounds, 'grounds'),
          deadlines: [startDeadline(c, env, 'formal-acknowledgement'), startDeadline(c, env, 'formal-response')],
        },
      },
    ],
  },

  /** The respondent's one-off extension: up to 10 WD on top of the current due date, with reasons. */
  'extend-response-deadline': {
    events: ['ResponseDeadlineExtended'],
    summary: 'Extend the formal response deadline once, by up to 10 working days',
    who: sentBy('respondent', isRespondent),
    decide(c, p, env) {
      const workingDays = requireWholeNumber(p.workingDays, 'workingDays', 1, 10);
      const deadline = openDeadline(c, 'formal-response');
      if (!deadline) invalid('workingDays', 'there is no open response deadline to extend');
      const due = env.calendar.dueFrom(deadline.dueOn, workingDays);
      return [
        {
          type: 'ResponseDeadlineExtended',
          data: {
            deadlineId: deadline.id,
            workingDays,
            reason: requireText(p.reason, 'reason'),
            previousDueOn: deadline.dueOn,
            dueOn: due.dueOn,
            rule: due.rule,
            calendarVersion: due.calendarVersion,
          },
        },
      ];
    },
  },

  respond: {
    events: ['FormalResponseIssued'],
    summary: 'Issue the formal written response',
    who: sentBy('respondent', isRespondent),
    decide: (c, p, env) => [
      {
        type: 'FormalResponseIssued',
        data: { response: requireText(p.response, 'response'), deadlines: [startDeadline(c, env, 'complainant-decision')] },
      },
    ],
  },

  'refer-to-cdg': {
    events: ['ReferredToCdg'],
    summary: 'Refer the dispute to the Compact Development Group (stage 3)',
    who: sentBy('complainant', isComplainant),
    decide: (c, p, env) => [
      { type: 'ReferredToCdg', data: { reason: requireText(p.reason, 'reason'), deadlines: [startDeadline(c, env, 'cdg-triage')] } },
    ],
  },
};

import { organisationActedFor } from '../../shared/actor.js';
import { type DecisionEnv } from '../decision-env.js';
import { startDeadline } from '../deadline-factory.js';
import { WORKING_DAY_WINDOWS } from '../deadline-rules.js';
import { type DisputeCommandMap } from '../dispute-commands.js';
import { type DisputeContext } from '../dispute-context.js';
import { type AgreedActionSpec, type DisputeEvent } from '../dispute-events.js';
import { openDeadline, outcomeOfResolution } from '../dispute-rules.js';
import { type ActionInput } from '../dispute-commands.js';
import { invalid, optionalClause, requireDate, requireOrganisation, requireText, requireWholeNumber } from './input-checks.js';

type C = DisputeContext;

/** Stages 1 and 2: the parties talk, then the complaint is made formal and answered in writing. */
export const decideAcknowledge = (_c: C, _p: DisputeCommandMap['acknowledge'], env: DecisionEnv): DisputeEvent[] => [
  { type: 'AcknowledgementGiven', data: { organisationId: organisationActedFor(env.actor) ?? '' } },
];

export const decideLodgeFormal = (c: C, p: DisputeCommandMap['lodge-formal'], env: DecisionEnv): DisputeEvent[] => [
  {
    type: 'FormalComplaintLodged',
    data: {
      grounds: requireText(p.grounds, 'grounds'),
      deadlines: [startDeadline(c, env, 'formal-acknowledgement'), startDeadline(c, env, 'formal-response')],
    },
  },
];

/** The respondent's one-off extension: up to 10 WD on top of the current due date, with reasons. */
export function decideExtendResponse(c: C, p: DisputeCommandMap['extend-response-deadline'], env: DecisionEnv): DisputeEvent[] {
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
}

export const decideRespond = (c: C, p: DisputeCommandMap['respond'], env: DecisionEnv): DisputeEvent[] => [
  {
    type: 'FormalResponseIssued',
    data: { response: requireText(p.response, 'response'), deadlines: [startDeadline(c, env, 'complainant-decision')] },
  },
];

export const decideReferToCdg = (c: C, p: DisputeCommandMap['refer-to-cdg'], env: DecisionEnv): DisputeEvent[] => [
  { type: 'ReferredToCdg', data: { reason: requireText(p.reason, 'reason'), deadlines: [startDeadline(c, env, 'cdg-triage')] } },
];

/** Agreed actions and recommendations share a shape; each is checked 5 WD after it falls due. */
export function agreedActions(
  c: C,
  inputs: readonly ActionInput[],
  env: DecisionEnv,
  field: string,
  prefix: 'A' | 'R',
): AgreedActionSpec[] {
  const taken = c.actions.length + c.recommendations.length;
  return inputs.map((a, i) => {
    const dueDate = requireDate(a.dueDate, `${field}[${i}].dueDate`);
    requireOrganisation(env.directory, a.ownerId, `${field}[${i}].ownerId`);
    const check = env.calendar.workingDaysAfter(dueDate, WORKING_DAY_WINDOWS.actionCheck);
    return {
      actionId: `${prefix}${taken + i + 1}`,
      description: requireText(a.description, `${field}[${i}].description`),
      ownerId: a.ownerId,
      dueDate,
      clause: optionalClause(a.clause, `${field}[${i}].clause`),
      checkOn: check.dueOn,
      checkRule: check.rule,
      calendarVersion: check.calendarVersion,
    };
  });
}

export const decideAgreeResolution = (c: C, p: DisputeCommandMap['agree-resolution'], env: DecisionEnv): DisputeEvent[] => [
  {
    type: 'ResolutionAgreed',
    data: {
      terms: requireText(p.terms, 'terms'),
      actions: agreedActions(c, p.actions ?? [], env, 'actions', 'A'),
      outcome: outcomeOfResolution(c.step),
    },
  },
];

import { type DecisionEnv } from '../decision-env.js';
import { type DeadlineStep } from '../deadline-rules.js';
import { type DisputeCommandMap } from '../dispute-commands.js';
import { type DisputeContext, type StepName } from '../dispute-context.js';
import { type DisputeEvent } from '../dispute-events.js';
import { partyIds, suspensionNeedsPanelChair } from '../dispute-rules.js';
import { invalid, requirePartyConsent, requireText, requireWholeNumber } from './input-checks.js';

type C = DisputeContext;

/** The clock that belongs to each step: the one `extend-deadline` moves. */
const STEP_DEADLINE: Record<StepName, DeadlineStep> = {
  'informal.awaitingAcknowledgement': 'acknowledgement',
  'informal.inDiscussion': 'informal-resolution',
  'formal.awaitingAcknowledgement': 'formal-acknowledgement',
  'formal.awaitingResponse': 'formal-response',
  'formal.awaitingDecision': 'complainant-decision',
  'cdg.triage': 'cdg-triage',
  'cdg.mediation': 'mediation',
  'cdg.panel.hearing': 'panel-hearing',
  'cdg.panel.deliberation': 'panel-findings',
  'cdg.awaitingResponses': 'findings-response',
};

/**
 * Suspension by consent of every party, and of the panel chair once a panel is appointed: at most
 * 40 WD at a time, renewable. It takes effect by the receipt rule (16:30 cut-off, a non-working day
 * counts as the next working day); open clocks keep the working days they had left from that day.
 */
export function decideSuspend(c: C, p: DisputeCommandMap['suspend'], env: DecisionEnv): DisputeEvent[] {
  const workingDays = requireWholeNumber(p.workingDays, 'workingDays', 1, 40);
  const consentFrom = requirePartyConsent(p.consentFrom ?? [], partyIds(c), 'consentFrom');
  const panelChair = suspensionNeedsPanelChair(c);
  if (panelChair !== null && p.panelChairConsent !== true) {
    invalid('panelChairConsent', 'once a panel is appointed, suspension needs the panel chair’s consent as well as every party’s: send true');
  }
  const end = env.calendar.due(env.at, workingDays);
  const renewing = c.suspension !== null;
  return [
    {
      type: 'CaseSuspended',
      data: {
        reason: requireText(p.reason, 'reason'),
        workingDays,
        consentFrom,
        panelChairConsent: panelChair,
        suspendedOn: renewing && c.suspension ? c.suspension.suspendedOn : end.startedOn,
        until: end.dueOn,
        untilRule: end.rule,
        calendarVersion: end.calendarVersion,
        pausedDeadlines: renewing
          ? []
          : c.deadlines
              .filter((d) => d.status === 'open')
              .map((d) => ({ deadlineId: d.id, remainingWorkingDays: env.calendar.workingDaysBetween(end.startedOn, d.dueOn) })),
      },
    },
  ];
}

/** Resumption restarts each paused clock with the working days it had left, from the day it counts as received. */
export function decideResume(c: C, _p: DisputeCommandMap['resume'], env: DecisionEnv): DisputeEvent[] {
  return [
    {
      type: 'CaseResumed',
      data: {
        resumedOn: env.calendar.londonDate(env.at),
        movedDeadlines: c.deadlines
          .filter((d) => d.status === 'paused')
          .map((d) => {
            const due = env.calendar.due(env.at, d.remainingWorkingDays ?? 0);
            return { deadlineId: d.id, dueOn: due.dueOn, rule: due.rule, calendarVersion: due.calendarVersion };
          }),
      },
    },
  ];
}

/** Any deadline can move by consent of both parties: this moves the current step's clock(s). */
export function decideExtendDeadline(c: C, p: DisputeCommandMap['extend-deadline'], env: DecisionEnv): DisputeEvent[] {
  const workingDays = requireWholeNumber(p.workingDays, 'workingDays', 1, 60);
  const consentFrom = requirePartyConsent(p.consentFrom ?? [], partyIds(c), 'consentFrom');
  const reason = requireText(p.reason, 'reason');
  const step = c.step ? STEP_DEADLINE[c.step] : undefined;
  const open = c.deadlines.filter((d) => d.status === 'open' && d.step === step);
  if (open.length === 0) invalid('workingDays', 'the current step has no open deadline to extend');
  return open.map((d) => {
    const due = env.calendar.dueFrom(d.dueOn, workingDays);
    return {
      type: 'DeadlineExtended',
      data: {
        deadlineId: d.id,
        workingDays,
        reason,
        consentFrom,
        previousDueOn: d.dueOn,
        dueOn: due.dueOn,
        rule: due.rule,
        calendarVersion: due.calendarVersion,
      },
    };
  });
}

export function decideRecordMissedDeadline(c: C, p: DisputeCommandMap['record-missed-deadline'], _env: DecisionEnv): DisputeEvent[] {
  const d = c.deadlines.find((x) => x.id === p.deadlineId);
  if (!d) invalid('deadlineId', `no deadline ${p.deadlineId} on this case`);
  return [
    {
      type: 'DeadlineMissed',
      data: { deadlineId: d.id, step: d.step, owedBy: d.owedBy, owedByOrganisationIds: d.owedByOrganisationIds, dueOn: d.dueOn },
    },
  ];
}

import { halveWorkingDays } from '../../calendar/index.js';
import { type DecisionEnv } from '../decision-env.js';
import { type DisputeContext } from '../dispute-context.js';
import { DEADLINE_RULES, type DeadlineSpec, type DeadlineStep } from './deadline-rules.js';

/** Clocks the urgent track leaves at full length: they are not stage deadlines. */
const NOT_HALVED: readonly DeadlineStep[] = ['reopening-decision'];

export function workingDaysFor(step: DeadlineStep, urgent: boolean): number {
  const full = DEADLINE_RULES[step].workingDays;
  return urgent && !NOT_HALVED.includes(step) ? halveWorkingDays(full) : full;
}

/**
 * A new deadline starting now: the clock starts on the day the triggering event is received
 * (16:30 cut-off), and the due date records the rule and calendar version that computed it.
 */
export function startDeadline(
  c: Pick<DisputeContext, 'complainantId' | 'respondentIds' | 'deadlines' | 'urgent'>,
  env: DecisionEnv,
  step: DeadlineStep,
  owedByOrganisationIds?: readonly string[],
  sequence = 0,
): DeadlineSpec {
  const rule = DEADLINE_RULES[step];
  const owed =
    owedByOrganisationIds ??
    (rule.owedBy === 'respondent'
      ? c.respondentIds
      : rule.owedBy === 'complainant'
        ? [c.complainantId]
        : rule.owedBy === 'parties'
          ? [c.complainantId, ...c.respondentIds]
          : []);
  const due = env.calendar.due(env.at, workingDaysFor(step, c.urgent));
  const n = c.deadlines.filter((d) => d.step === step).length + sequence + 1;
  return {
    id: `${step}-${n}`,
    step,
    owedBy: rule.owedBy,
    owedByOrganisationIds: owed,
    startedOn: due.startedOn,
    workingDays: due.workingDays,
    dueOn: due.dueOn,
    rule: due.rule,
    calendarVersion: due.calendarVersion,
  };
}

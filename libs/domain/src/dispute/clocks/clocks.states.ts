import { and } from 'xstate';
import { WITHDRAWAL } from '../closure/closure.states.js';
import { STEP_NAMES } from '../dispute-context.js';
import { disputeSetup } from '../machine-setup.js';

/** At every step of stages 1–3 the secretariat may suspend (by consent) and move the current clock (by consent). */
export const SUSPENSION_AND_EXTENSION = {
  CaseSuspended: { guard: { type: 'actsAs', params: { role: 'secretariat' } }, target: '#dispute.suspended', actions: 'suspend' },
  DeadlineExtended: { guard: { type: 'secretariatChangesOpen', params: { of: 'deadline' } }, actions: 'extend' },
} as const;

/**
 * A missed deadline is a fact the engine records in any state, once the due date has ended. The
 * complainant's decision window closes the case as not pursued; a party's findings-response clock
 * counts as its answer; any other is recorded (a respondent's lets the complainant escalate).
 */
export const MISSED_DEADLINES = {
  DeadlineMissed: [
    {
      guard: and([{ type: 'missedDateRecordable', params: { of: 'deadline' as const } }, { type: 'missedStep', params: { step: 'complainant-decision' as const } }]),
      target: '#dispute.closing',
      actions: ['recordMiss', { type: 'closeWith', params: { outcome: 'not-pursued' } }],
    },
    {
      guard: and([{ type: 'missedDateRecordable', params: { of: 'deadline' as const } }, { type: 'missedStep', params: { step: 'findings-response' as const } }, 'lastFindingsAnswer']),
      target: '#dispute.afterFindings',
      actions: ['answerFindingsByDefault', 'takeUpRecommendations'],
    },
    {
      guard: and([{ type: 'missedDateRecordable', params: { of: 'deadline' as const } }, { type: 'missedStep', params: { step: 'findings-response' as const } }]),
      actions: 'answerFindingsByDefault',
    },
    { guard: { type: 'missedDateRecordable', params: { of: 'deadline' } }, actions: 'recordMiss' },
  ],
} as const;

/** Clocks paused; resumption returns the case to the step it was in, with the working days it had left. */
export const suspended = disputeSetup.createStateConfig({
  on: {
    CaseResumed: STEP_NAMES.map((step) => ({
      guard: and([{ type: 'returnsTo', params: { step } }, 'mayResume']),
      target: `#dispute.${step}`,
      actions: 'resume',
    })),
    CaseSuspended: { guard: { type: 'actsAs', params: { role: 'secretariat' } }, actions: 'renewSuspension' },
    ...WITHDRAWAL,
  },
});

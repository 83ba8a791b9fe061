import { EXTERNAL_REFERRAL } from '../closure/closure.states.js';
import { disputeSetup } from '../machine-setup.js';
import { step } from '../machine-kit.js';
import { WHILE_THE_PARTIES_TALK } from '../while-the-process-runs.js';

/** While the respondent owes the formal stage a step: after a default, the complainant may go to the CDG at once. */
const WHILE_THE_RESPONDENT_OWES = {
  ReferredToCdg: {
    guard: 'complainantAfterRespondentDefault',
    target: '#dispute.cdg.triage',
    actions: { type: 'escalate', params: { settles: [] } },
  },
} as const;

/** Stage 2: the formal complaint is acknowledged and answered in writing; the complainant accepts or goes on. */
export const formal = disputeSetup.createStateConfig({
  initial: 'awaitingAcknowledgement',
  on: WHILE_THE_PARTIES_TALK,
  states: {
    awaitingAcknowledgement: {
      ...step('formal.awaitingAcknowledgement', { by: 'respondents', clock: 'formal-acknowledgement', commands: ['acknowledge'] }),
      on: {
        AcknowledgementGiven: {
          guard: 'respondent',
          target: 'awaitingResponse',
          actions: { type: 'acknowledge', params: { settles: 'formal-acknowledgement' } },
        },
        ...WHILE_THE_RESPONDENT_OWES,
      },
    },
    awaitingResponse: {
      ...step('formal.awaitingResponse', { by: 'respondents', clock: 'formal-response', commands: ['respond', 'extend-response-deadline'] }),
      on: {
        ...WHILE_THE_RESPONDENT_OWES,
        // The respondent's one-off extension is of the written response, so only once it is owed.
        ResponseDeadlineExtended: { guard: 'respondentMayExtend', actions: 'extendResponse' },
        FormalResponseIssued: {
          guard: 'respondent',
          target: 'awaitingDecision',
          actions: { type: 'stepTaken', params: { settles: ['formal-response'] } },
        },
      },
    },
    awaitingDecision: {
      ...step('formal.awaitingDecision', { by: 'complainant', clock: 'complainant-decision', commands: ['refer-to-cdg', 'agree-resolution', 'refer-externally'] }),
      on: {
        ReferredToCdg: {
          guard: 'complainant',
          target: '#dispute.cdg.triage',
          actions: { type: 'escalate', params: { settles: ['complainant-decision'] } },
        },
        ...EXTERNAL_REFERRAL,
      },
    },
  },
});

import { COMPLAINANT_AGREES } from '../actions/actions.states.js';
import { EXTERNAL_REFERRAL } from '../closure/closure.states.js';
import { disputeSetup } from '../machine-setup.js';
import { owed } from '../machine-kit.js';
import { WHILE_THE_PROCESS_RUNS } from '../while-the-process-runs.js';

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
  on: { ...COMPLAINANT_AGREES, ...WHILE_THE_PROCESS_RUNS },
  states: {
    awaitingAcknowledgement: {
      entry: { type: 'enterStep', params: { step: 'formal.awaitingAcknowledgement' } },
      meta: owed({ by: 'respondents', clock: 'formal-acknowledgement', commands: ['acknowledge'] }),
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
      entry: { type: 'enterStep', params: { step: 'formal.awaitingResponse' } },
      meta: owed({ by: 'respondents', clock: 'formal-response', commands: ['respond', 'extend-response-deadline'] }),
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
      entry: { type: 'enterStep', params: { step: 'formal.awaitingDecision' } },
      meta: owed({ by: 'complainant', clock: 'complainant-decision', commands: ['refer-to-cdg', 'agree-resolution', 'refer-externally'] }),
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

import { and } from 'xstate';
import { COMPLAINANT_AGREES } from '../actions/actions.states.js';
import { disputeSetup } from '../machine-setup.js';
import { owed } from '../machine-kit.js';
import { WHILE_THE_PROCESS_RUNS } from '../while-the-process-runs.js';

/** Before anything: raising starts the informal stage, or on the urgent track the formal one. */
export const newCase = disputeSetup.createStateConfig({
  on: {
    DisputeRaised: [
      { guard: and(['raisedByComplainant', 'urgentTrack']), target: '#dispute.formal.awaitingAcknowledgement', actions: 'raise' },
      { guard: 'raisedByComplainant', target: '#dispute.informal.awaitingAcknowledgement', actions: 'raise' },
    ],
  },
});

/** Stage 1: the respondent acknowledges, then the parties talk; the complainant may go formal. */
export const informal = disputeSetup.createStateConfig({
  initial: 'awaitingAcknowledgement',
  on: { ...COMPLAINANT_AGREES, ...WHILE_THE_PROCESS_RUNS },
  states: {
    awaitingAcknowledgement: {
      entry: { type: 'enterStep', params: { step: 'informal.awaitingAcknowledgement' } },
      meta: owed({ by: 'respondents', clock: 'acknowledgement', commands: ['acknowledge'] }),
      on: {
        AcknowledgementGiven: { guard: 'respondent', target: 'inDiscussion', actions: { type: 'acknowledge', params: { settles: 'acknowledgement' } } },
        // After the respondent's default the complainant need not wait.
        FormalComplaintLodged: {
          guard: 'complainantAfterRespondentDefault',
          target: '#dispute.formal.awaitingAcknowledgement',
          actions: { type: 'escalate', params: { settles: [] } },
        },
      },
    },
    inDiscussion: {
      entry: { type: 'enterStep', params: { step: 'informal.inDiscussion' } },
      meta: owed(
        { by: 'complainant', clock: 'informal-resolution', commands: ['agree-resolution', 'lodge-formal', 'withdraw'] },
        { by: 'respondents', clock: 'informal-resolution', commands: [] },
      ),
      on: {
        FormalComplaintLodged: {
          guard: 'complainant',
          target: '#dispute.formal.awaitingAcknowledgement',
          actions: { type: 'escalate', params: { settles: ['informal-resolution'] } },
        },
      },
    },
  },
});

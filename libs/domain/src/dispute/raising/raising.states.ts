import { and } from 'xstate';
import { disputeSetup } from '../machine-setup.js';
import { step } from '../machine-kit.js';
import { WHILE_THE_PARTIES_TALK } from '../while-the-process-runs.js';

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
  on: WHILE_THE_PARTIES_TALK,
  states: {
    awaitingAcknowledgement: {
      ...step('informal.awaitingAcknowledgement', { by: 'respondents', clock: 'acknowledgement', commands: ['acknowledge'] }),
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
      ...step(
        'informal.inDiscussion',
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

import { and } from 'xstate';
import { disputeSetup } from '../machine-setup.js';
import { owed, type OwedStep } from '../machine-kit.js';
import { REOPENING_TARGETS } from './closure.rules.js';

/** The complainant may withdraw at any time before closure, whatever the step (suspended and carrying out actions too). */
export const WITHDRAWAL = {
  DisputeWithdrawn: { guard: 'complainant', target: '#dispute.closing', actions: { type: 'closeWith', params: { outcome: 'withdrawn' } } },
} as const;

/** To an outside body: from formal.awaitingDecision, any stage-3 step and actionsOpen (a closed case has its own rule). */
export const EXTERNAL_REFERRAL = {
  ReferredExternally: {
    guard: 'complainant',
    target: '#dispute.closing',
    actions: ['referExternally', { type: 'closeWith', params: { outcome: 'referred-externally' } }],
  },
} as const;

/** A reopening request waits for the chair. */
export const REOPENING_DECISION: OwedStep = { by: 'chair', clock: 'reopening-decision', commands: ['decide-reopening'] };

/** Passing through: the command that ended the case appends CaseClosed in the same write. */
export const closing = disputeSetup.createStateConfig({
  on: {
    CaseClosed: { target: '#dispute.closed', actions: ['endUnfinishedActions', 'close'] },
  },
});

export const closed = disputeSetup.createStateConfig({
  meta: owed(REOPENING_DECISION),
  on: {
    ReopeningRequested: { guard: { type: 'partyMayRequestReopening', params: { closed: true } }, actions: 'requestReopening' },
    CaseReopened: REOPENING_TARGETS.map((step) => ({
      guard: and(['chairWithReopeningRequest', { type: 'reopensTo', params: { step } }]),
      target: `#dispute.${step}`,
      actions: ['endUnfinishedActions', 'reopen'],
    })),
    ReopeningRefused: { guard: 'chairWithReopeningRequest', actions: 'refuseReopening' },
    ReferredExternally: {
      guard: 'complainantMayReferClosedCase',
      target: '#dispute.closing',
      actions: ['referExternally', { type: 'closeWith', params: { outcome: 'referred-externally' } }],
    },
    ExternalOutcomeRecorded: { guard: 'secretariatAfterExternalReferral', actions: 'recordExternalOutcome' },
  },
});

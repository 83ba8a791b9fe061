import { and } from 'xstate';
import { EXTERNAL_REFERRAL, REOPENING_DECISION, WITHDRAWAL } from '../closure/closure.states.js';
import { disputeSetup } from '../machine-setup.js';
import { owed } from '../machine-kit.js';

/** At stages 1 and 2 the complainant records the resolution both sides agreed. */
export const COMPLAINANT_AGREES = {
  ResolutionAgreed: [
    { guard: and(['complainant', 'resolutionHasActions']), target: '#dispute.actionsOpen', actions: 'agreeResolution' },
    { guard: 'complainant', target: '#dispute.closing', actions: 'agreeResolution' },
  ],
} as const;

/** In mediation the mediator records the agreement. */
export const MEDIATOR_AGREES = {
  ResolutionAgreed: [
    { guard: and(['caseMediator', 'resolutionHasActions']), target: '#dispute.actionsOpen', actions: 'agreeResolution' },
    { guard: 'caseMediator', target: '#dispute.closing', actions: 'agreeResolution' },
  ],
} as const;

/** Agreed actions are carried out; the case closes when none is left open (completed or missed). */
export const actionsOpen = disputeSetup.createStateConfig({
  meta: owed({ by: 'action-owners', clock: 'agreed-action', commands: ['complete-action'] }, REOPENING_DECISION),
  on: {
    ActionCompleted: [
      { guard: and(['mayCompleteAction', 'completesLastAction']), target: '#dispute.closing', actions: 'settleAction' },
      { guard: 'mayCompleteAction', actions: 'settleAction' },
    ],
    ActionMissed: [
      { guard: and([{ type: 'missedDateRecordable', params: { of: 'action' as const } }, 'completesLastAction']), target: '#dispute.closing', actions: 'settleAction' },
      { guard: { type: 'missedDateRecordable', params: { of: 'action' } }, actions: 'settleAction' },
    ],
    ActionVaried: { guard: { type: 'secretariatChangesOpen', params: { of: 'action' } }, actions: 'varyAction' },
    ...WITHDRAWAL,
    ...EXTERNAL_REFERRAL,
    ReopeningRequested: { guard: { type: 'partyMayRequestReopening', params: { closed: false } }, actions: 'requestReopening' },
    CaseReopened: { guard: 'chairWithReopeningRequest', target: '#dispute.cdg.triage', actions: ['endUnfinishedActions', 'reopen'] },
    ReopeningRefused: { guard: 'chairWithReopeningRequest', actions: 'refuseReopening' },
  },
});

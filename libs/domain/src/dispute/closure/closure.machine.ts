import { assertEvent } from 'xstate';
import { cancelDeadlines, openDeadlines, settleDeadlines } from '../clocks/deadline-book.js';
import { currentAppointeeIds } from '../cdg/cdg.rules.js';
import { type StepName } from '../dispute-context.js';
import { type Guard, update } from '../machine-kit.js';
import { type Outcome } from '../vocabulary.js';
import { closedStage, hasPendingReopening, mayReferExternallyWhenClosed, mayRequestReopening, reopeningTarget } from './closure.rules.js';

export const closureGuards = {
  /** `closed`: of a closed case (within 60 WD of closure or of a missed action); else of one still carrying out actions. */
  partyMayRequestReopening: (({ context, event }, params) => mayRequestReopening(context, event.actor, event.at, params.closed)) satisfies Guard<{
    readonly closed: boolean;
  }>,
  chairWithReopeningRequest: (({ context, event }) => event.actor.role === 'chair' && hasPendingReopening(context)) satisfies Guard,
  /** A granted reopening resumes the step the request was for. */
  reopensTo: (({ context }, params) => context.reopening?.resumeTo === params.step) satisfies Guard<{ readonly step: StepName }>,
  complainantMayReferClosedCase: (({ context, event }) => mayReferExternallyWhenClosed(context, event.actor)) satisfies Guard,
  secretariatAfterExternalReferral: (({ context, event }) =>
    event.actor.role === 'secretariat' && context.outcome === 'referred-externally') satisfies Guard,
};

export const closureActions = {
  /** The case is to close with this outcome: CaseClosed follows in the same write (closing). */
  closeWith: update((_c, _e, params: { readonly outcome: Outcome }) => ({ pendingOutcome: params.outcome })),
  referExternally: update((c, e) => {
    assertEvent(e, 'ReferredExternally');
    return { external: { body: e.data.body, reference: e.data.reference, outcomes: [], previousOutcome: c.outcome } };
  }),
  recordExternalOutcome: update((c, e) => {
    assertEvent(e, 'ExternalOutcomeRecorded');
    return { external: c.external ? { ...c.external, outcomes: [...c.external.outcomes, e.data.outcome] } : null };
  }),
  close: update((c, e) => {
    assertEvent(e, 'CaseClosed');
    return {
      outcome: e.data.outcome,
      pendingOutcome: null,
      closedAt: e.at,
      closedInStage: closedStage(c, e.data.outcome),
      highestStage: e.data.outcome === 'referred-externally' ? 4 : c.highestStage,
      reopenableUntil: e.data.reopenableUntil,
      suspension: null,
      deadlines: cancelDeadlines(c.deadlines, e.at),
    };
  }),
  requestReopening: update((c, e) => {
    assertEvent(e, 'ReopeningRequested');
    return {
      reopening: { grounds: e.data.grounds, reason: e.data.reason, requestedAt: e.at, resumeTo: reopeningTarget(c, e.data.grounds), decision: 'pending' },
      deadlines: openDeadlines(c.deadlines, e.data.deadlines),
    };
  }),
  /** A reopened case starts its stage afresh: a new route and new appointments at stage 3, the old settlement ended. */
  reopen: update((c, e) => {
    assertEvent(e, 'CaseReopened');
    return {
      route: null,
      mediatorId: null,
      panel: null,
      objectionWindowEndsOn: null,
      formerAppointees: [...new Set([...c.formerAppointees, ...currentAppointeeIds(c)])],
      // A fresh clock: a default before closure no longer lets the complainant skip it.
      respondentDefaulted: false,
      // A fresh response clock comes with the respondent's one-off extension again.
      responseExtensionUsed: false,
      reopening: c.reopening ? { ...c.reopening, decision: 'granted' } : null,
      outcome: null,
      pendingOutcome: null,
      closedAt: null,
      external: null,
      deadlines: openDeadlines(settleDeadlines(c.deadlines, ['reopening-decision'], e.at), e.data.deadlines),
    };
  }),
  refuseReopening: update((c, e) => ({
    reopening: c.reopening ? { ...c.reopening, decision: 'refused' as const } : null,
    deadlines: settleDeadlines(c.deadlines, ['reopening-decision'], e.at),
  })),
};

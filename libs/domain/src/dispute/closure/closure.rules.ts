import { londonDateOf } from '../../calendar/index.js';
import { type Actor } from '../../shared/actor.js';
import { type DisputeContext, stageOfStep, type StepName } from '../dispute-context.js';
import { isComplainant, isParty } from '../parties.js';
import { type Outcome, type Stage } from '../vocabulary.js';

export const closedStage = (c: DisputeContext, outcome: Outcome): Stage | null =>
  outcome === 'referred-externally' ? 4 : c.step === null ? null : stageOfStep(c.step);

/** Where a granted reopening takes the case: the stage it closed in, stage 3 for undelivered actions. */
export const reopeningTarget = (c: DisputeContext, grounds: string): StepName => {
  // A case carrying out actions has not closed: the only way back is stage 3 (the machine takes it there).
  if (grounds === 'action-not-delivered' || c.outcome === null) return 'cdg.triage';
  const stage = c.closedInStage ?? (c.step ? stageOfStep(c.step) : 3);
  if (stage === 1) return 'informal.inDiscussion';
  if (stage === 2) return 'formal.awaitingResponse';
  return 'cdg.triage';
};

/** The steps a granted reopening can resume. */
export const REOPENING_TARGETS = ['informal.inDiscussion', 'formal.awaitingResponse', 'cdg.triage'] as const satisfies readonly StepName[];

/**
 * One request per case, by a party: within 60 WD of closure (`closed`, not after an outside
 * referral), or of a missed action's due date (closed or still carrying out actions).
 */
export const mayRequestReopening = (c: DisputeContext, actor: Actor, at: string, closed: boolean): boolean => {
  if (!isParty(c, actor) || c.reopening !== null) return false;
  const today = londonDateOf(at);
  if (closed) {
    if (c.outcome === 'referred-externally') return false;
    if (c.reopenableUntil !== null && today <= c.reopenableUntil) return true;
  }
  return c.actions.some((a) => a.status === 'missed' && a.reopenableUntil !== null && today <= a.reopenableUntil);
};

export const hasPendingReopening = (c: DisputeContext): boolean => c.reopening?.decision === 'pending';

/** A case closed at stage 2 or 3 (not withdrawn) may still go to an outside body, once. */
export const mayReferExternallyWhenClosed = (c: DisputeContext, actor: Actor): boolean =>
  isComplainant(c, actor) && c.external === null && c.outcome !== null && c.outcome !== 'withdrawn' && (c.closedInStage ?? 0) >= 2;

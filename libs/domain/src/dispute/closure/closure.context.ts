import { type StepName } from '../dispute-context.js';
import { type ExternalBody, type Outcome, type ReopeningGrounds, type Stage } from '../vocabulary.js';

/** What the case keeps of its closure: the outcome, when and at which stage, the reopening and any outside referral. */
export interface ClosureContext {
  /** The outcome the case will close with once its last agreed action is settled. */
  readonly pendingOutcome: Outcome | null;
  readonly outcome: Outcome | null;
  readonly closedAt: string | null;
  readonly closedInStage: Stage | null;
  readonly reopenableUntil: string | null;
  readonly reopening: {
    readonly grounds: ReopeningGrounds;
    readonly reason: string;
    readonly requestedAt: string;
    readonly resumeTo: StepName;
    readonly decision: 'pending' | 'granted' | 'refused';
  } | null;
  readonly external: {
    readonly body: ExternalBody;
    readonly reference: string | null;
    readonly outcomes: readonly string[];
    readonly previousOutcome: Outcome | null;
  } | null;
}

export const EMPTY_CLOSURE: ClosureContext = {
  pendingOutcome: null,
  outcome: null,
  closedAt: null,
  closedInStage: null,
  reopenableUntil: null,
  reopening: null,
  external: null,
};

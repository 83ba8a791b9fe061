import { type AgreedActionSpec } from './actions.events.js';

/** `closed-unfinished`: still open when the case closed or was reopened, so never completed or checked. */
export type ActionStatus = 'open' | 'completed' | 'missed' | 'closed-unfinished';

/** An agreed action as the resolution or the accepted findings set it, and where it stands. */
export interface AgreedAction extends AgreedActionSpec {
  readonly status: ActionStatus;
  readonly completedAt: string | null;
  readonly reopenableUntil: string | null;
}

export interface ActionsContext {
  readonly actions: readonly AgreedAction[];
}

export const EMPTY_ACTIONS: ActionsContext = { actions: [] };

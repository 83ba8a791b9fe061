import { type ComputedWith, type DeadlineSpec } from '../clocks/deadline-rules.js';
import { type ExternalBody, type Outcome, type ReopeningGrounds, type WithdrawalReason } from '../vocabulary.js';

/** How a case ends (withdrawn, referred to an outside body, closed with an outcome) and is reopened. */
export interface ClosureEvents {
  DisputeWithdrawn: { readonly reasonCode: WithdrawalReason; readonly reason: string | null };
  ReferredExternally: { readonly body: ExternalBody; readonly reference: string | null };
  ExternalOutcomeRecorded: { readonly outcome: string };
  /** `unfinishedActionIds`: agreed actions still open when the case closed; they end `closed-unfinished`. */
  CaseClosed: ComputedWith & {
    readonly outcome: Outcome;
    readonly closedOn: string;
    readonly reopenableUntil: string;
    readonly reopenableUntilRule: string | null;
    readonly unfinishedActionIds: readonly string[];
  };
  ReopeningRequested: { readonly grounds: ReopeningGrounds; readonly reason: string; readonly deadlines: readonly DeadlineSpec[] };
  /** Reopening from actionsOpen ends the old settlement: its open actions end `closed-unfinished`. */
  CaseReopened: { readonly reason: string; readonly deadlines: readonly DeadlineSpec[]; readonly unfinishedActionIds: readonly string[] };
  ReopeningRefused: { readonly reason: string };
}

import { type ComputedWith } from '../clocks/deadline-rules.js';
import { type Outcome } from '../vocabulary.js';

export interface AgreedActionSpec extends ComputedWith {
  readonly actionId: string;
  readonly description: string;
  readonly ownerId: string;
  readonly dueDate: string;
  readonly clause: string | null;
  /** Day the secretariat checks it: 5 WD after the due date. */
  readonly checkOn: string;
  readonly checkRule: string | null;
}

/** A resolution agreed at any stage, and the agreed actions that follow it (or the accepted findings). */
export interface ActionsEvents {
  ResolutionAgreed: { readonly terms: string; readonly actions: readonly AgreedActionSpec[]; readonly outcome: Outcome };
  ActionCompleted: { readonly actionId: string; readonly evidence: string | null };
  ActionVaried: ComputedWith & {
    readonly actionId: string;
    readonly dueDate: string | null;
    readonly description: string | null;
    readonly checkOn: string | null;
    readonly checkRule: string | null;
    readonly reason: string;
  };
  ActionMissed: ComputedWith & {
    readonly actionId: string;
    readonly dueDate: string;
    readonly reopenableUntil: string;
    readonly reopenableUntilRule: string | null;
  };
}

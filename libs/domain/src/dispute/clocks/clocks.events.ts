import { type ComputedWith } from './deadline-rules.js';

export interface PausedDeadline {
  readonly deadlineId: string;
  readonly remainingWorkingDays: number;
}

export interface MovedDeadline {
  readonly deadlineId: string;
  readonly dueOn: string;
  readonly rule: string;
  readonly calendarVersion: string;
}

/** The clocks' own facts: a deadline missed or moved by consent, a suspension and its end. */
export interface ClocksEvents {
  DeadlineMissed: {
    readonly deadlineId: string;
    readonly step: string;
    readonly owedBy: string;
    readonly owedByOrganisationIds: readonly string[];
    readonly dueOn: string;
  };
  DeadlineExtended: {
    readonly deadlineId: string;
    readonly workingDays: number;
    readonly reason: string;
    readonly consentFrom: readonly string[];
    readonly previousDueOn: string;
    readonly dueOn: string;
    readonly rule: string;
    readonly calendarVersion: string;
  };
  CaseSuspended: ComputedWith & {
    readonly reason: string;
    readonly workingDays: number;
    readonly consentFrom: readonly string[];
    /** The panel chair (person id) who consented, once a panel is appointed; null before. */
    readonly panelChairConsent: string | null;
    readonly suspendedOn: string;
    readonly until: string;
    readonly untilRule: string | null;
    readonly pausedDeadlines: readonly PausedDeadline[];
  };
  CaseResumed: { readonly resumedOn: string; readonly movedDeadlines: readonly MovedDeadline[] };
}

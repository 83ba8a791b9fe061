import { type OwedBy } from '../vocabulary.js';

/**
 * Every clock in the section 6 process: how many working days it runs and who owes the step.
 * The urgent track halves each of them, rounded up.
 */
export const DEADLINE_RULES = {
  acknowledgement: { workingDays: 5, owedBy: 'respondent', title: 'Acknowledge the dispute' },
  'informal-resolution': { workingDays: 20, owedBy: 'parties', title: 'Resolve informally' },
  'formal-acknowledgement': { workingDays: 5, owedBy: 'respondent', title: 'Acknowledge the formal complaint' },
  'formal-response': { workingDays: 20, owedBy: 'respondent', title: 'Issue a written response' },
  'complainant-decision': { workingDays: 20, owedBy: 'complainant', title: 'Accept the response or refer to the CDG' },
  'cdg-triage': { workingDays: 10, owedBy: 'cdg', title: 'Validate the referral and choose a route' },
  mediation: { workingDays: 30, owedBy: 'cdg', title: 'Mediate' },
  'panel-hearing': { workingDays: 20, owedBy: 'cdg', title: 'Hold the panel hearing' },
  'panel-findings': { workingDays: 10, owedBy: 'cdg', title: 'Issue the panel findings' },
  'findings-response': { workingDays: 20, owedBy: 'parties', title: 'Accept, partly accept or decline the findings' },
  'reopening-decision': { workingDays: 10, owedBy: 'cdg', title: 'Decide the reopening request' },
} as const satisfies Record<string, { workingDays: number; owedBy: OwedBy; title: string }>;

export type DeadlineStep = keyof typeof DEADLINE_RULES;

/** Working-day dates that are not deadlines of a step: counted from another date, not from a receipt. */
export const WORKING_DAY_WINDOWS = {
  /** The secretariat checks an agreed action this long after its due date; still open then, it is missed. */
  actionCheck: 5,
  /** A party may ask to reopen this long after closure, or after a missed action's due date. */
  reopening: 60,
  /** A party may object to an appointment this long after it (counted like a receipt, 16:30 cut-off). */
  objection: 5,
} as const;

/**
 * How the engine computed a working-day date that is not a deadline (a check day, a window's end):
 * the rule and the calendar version, as deadlines carry them. Null on events recorded at schema 1,
 * before these dates kept their rule.
 */
export interface ComputedWith {
  readonly calendarVersion: string | null;
}

export type DeadlineStatus = 'open' | 'met' | 'missed' | 'paused' | 'cancelled';

/** A deadline as a deadline-bearing event sets it: the due date with the rule and calendar that computed it. */
export interface DeadlineSpec {
  readonly id: string;
  readonly step: DeadlineStep;
  readonly owedBy: OwedBy;
  readonly owedByOrganisationIds: readonly string[];
  readonly startedOn: string;
  readonly workingDays: number;
  readonly dueOn: string;
  readonly rule: string;
  readonly calendarVersion: string;
}

export interface Deadline extends DeadlineSpec {
  readonly status: DeadlineStatus;
  /** When it stopped being open (met, missed, cancelled). */
  readonly settledAt: string | null;
  /** Working days it still had when the case was suspended. */
  readonly remainingWorkingDays: number | null;
  readonly extensions: number;
}

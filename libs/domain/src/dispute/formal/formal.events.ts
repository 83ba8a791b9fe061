import { type DeadlineSpec } from '../clocks/deadline-rules.js';

/** Stage 2: the formal complaint, the respondent's one-off extension and written response, the referral to the CDG. */
export interface FormalEvents {
  FormalComplaintLodged: { readonly grounds: string; readonly deadlines: readonly DeadlineSpec[] };
  ResponseDeadlineExtended: {
    readonly deadlineId: string;
    readonly workingDays: number;
    readonly reason: string;
    readonly previousDueOn: string;
    readonly dueOn: string;
    readonly rule: string;
    readonly calendarVersion: string;
  };
  FormalResponseIssued: { readonly response: string; readonly deadlines: readonly DeadlineSpec[] };
  ReferredToCdg: { readonly reason: string; readonly deadlines: readonly DeadlineSpec[] };
}

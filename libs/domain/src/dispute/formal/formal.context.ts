/** What the escalation rules keep: whether a respondent defaulted in this stage, and whether the one-off extension is used. */
export interface FormalContext {
  /** A respondent missed a deadline in this stage: the complainant may escalate at once. */
  readonly respondentDefaulted: boolean;
  readonly responseExtensionUsed: boolean;
}

export const EMPTY_FORMAL: FormalContext = { respondentDefaulted: false, responseExtensionUsed: false };

/** Closure outcomes from process.md. */
export const OUTCOMES = [
  'resolved-informally',
  'resolved-formally',
  'resolved-by-mediation',
  'upheld',
  'partly-upheld',
  'not-upheld',
  'withdrawn',
  'not-pursued',
  'referred-externally',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const FINDINGS = ['upheld', 'partly-upheld', 'not-upheld'] as const;
export type Finding = (typeof FINDINGS)[number];

export const FINDINGS_RESPONSES = ['accept', 'partly-accept', 'decline'] as const;
export type FindingsResponse = (typeof FINDINGS_RESPONSES)[number];

export const ROUTES = ['mediation', 'panel'] as const;
export type Route = (typeof ROUTES)[number];

export const WITHDRAWAL_REASONS = ['resolved-outside', 'no-longer-relevant', 'other'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

export const EXTERNAL_BODIES = [
  'local-government-ombudsman',
  'health-ombudsman',
  'independent-mediation',
  'legal-advice',
  'other',
] as const;
export type ExternalBody = (typeof EXTERNAL_BODIES)[number];

export const REOPENING_GROUNDS = ['action-not-delivered', 'new-evidence', 'procedural-defect'] as const;
export type ReopeningGrounds = (typeof REOPENING_GROUNDS)[number];

export const NOTE_VISIBILITIES = ['parties', 'cdg'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

export const SECTORS = ['statutory', 'vcs'] as const;
export type Sector = (typeof SECTORS)[number];

/** Who owes a deadline, in the words of the process. */
export type OwedBy = 'complainant' | 'respondent' | 'parties' | 'cdg';

export type Stage = 1 | 2 | 3 | 4;

import { type RaisingEvents } from './raising.events.js';

/** What the case was raised with, kept as it was said (its deadlines live with the clocks), and who acknowledged it. */
export interface RaisingContext extends Omit<RaisingEvents['DisputeRaised'], 'deadlines'> {
  readonly openedAt: string;
  readonly acknowledgedBy: readonly string[];
}

export const EMPTY_RAISING: RaisingContext = {
  caseId: '',
  complainantId: '',
  respondentIds: [],
  parties: [],
  clauses: [],
  summary: '',
  details: '',
  desiredOutcome: '',
  urgent: false,
  dates: {},
  clauseChecks: [],
  openedAt: '',
  acknowledgedBy: [],
};

import { type ClauseCheck, type ClauseDates } from '../../clause-checks/index.js';
import { type DeadlineSpec } from '../clocks/deadline-rules.js';
import { type Sector } from '../vocabulary.js';

/** A party as it was when the dispute was raised (names and sectors change; the case keeps these). */
export interface PartySnapshot {
  readonly organisationId: string;
  readonly name: string;
  readonly sector: Sector;
  readonly type: string;
}

/** Stage 1: the dispute is raised and the respondent acknowledges it (also the formal complaint, at stage 2). */
export interface RaisingEvents {
  DisputeRaised: {
    readonly caseId: string;
    readonly complainantId: string;
    readonly respondentIds: readonly string[];
    readonly parties: readonly PartySnapshot[];
    readonly clauses: readonly string[];
    readonly summary: string;
    readonly details: string;
    readonly desiredOutcome: string;
    readonly urgent: boolean;
    readonly dates: ClauseDates;
    readonly clauseChecks: readonly ClauseCheck[];
    readonly deadlines: readonly DeadlineSpec[];
  };
  AcknowledgementGiven: { readonly organisationId: string };
}

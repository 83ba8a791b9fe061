import { type Deadline } from './deadline-rules.js';
import { type AgreedActionSpec, type DisputeEventDataMap, type RecommendationSpec } from './dispute-events.js';
import {
  type ExternalBody,
  type Finding,
  type FindingsResponse,
  type NoteVisibility,
  type Outcome,
  type ReopeningGrounds,
  type Route,
  type Stage,
} from './vocabulary.js';

/** `closed-unfinished`: still open when the case closed or was reopened, so never completed or checked. */
export type ActionStatus = 'open' | 'completed' | 'missed' | 'closed-unfinished';

/** An agreed action as the resolution or the accepted findings set it, and where it stands. */
export interface AgreedAction extends AgreedActionSpec {
  readonly status: ActionStatus;
  readonly completedAt: string | null;
  readonly reopenableUntil: string | null;
}

export interface Objection {
  readonly personId: string;
  readonly organisationId: string;
  readonly grounds: string;
  readonly status: 'pending' | 'upheld' | 'dismissed';
}

export interface Panel {
  readonly chairId: string;
  readonly statutoryMemberId: string;
  readonly vcsMemberId: string;
}

export interface Note {
  readonly noteId: string;
  readonly text: string;
  readonly visibility: NoteVisibility;
  readonly byPersonId: string;
  readonly at: string;
}

export interface Evidence {
  readonly evidenceId: string;
  readonly filename: string;
  readonly contentType: string;
  readonly sha256: string;
  readonly size: number;
  readonly byPersonId: string;
  readonly at: string;
}

export interface Lesson {
  readonly lessonId: string;
  readonly lesson: string;
  readonly clause: string | null;
  readonly at: string;
}

/** The step a case is in, as a dotted state name (`formal.awaitingResponse`). */
export type StepName =
  | 'informal.awaitingAcknowledgement'
  | 'informal.inDiscussion'
  | 'formal.awaitingAcknowledgement'
  | 'formal.awaitingResponse'
  | 'formal.awaitingDecision'
  | 'cdg.triage'
  | 'cdg.mediation'
  | 'cdg.panel.hearing'
  | 'cdg.panel.deliberation'
  | 'cdg.awaitingResponses';

export const STEP_NAMES: readonly StepName[] = [
  'informal.awaitingAcknowledgement',
  'informal.inDiscussion',
  'formal.awaitingAcknowledgement',
  'formal.awaitingResponse',
  'formal.awaitingDecision',
  'cdg.triage',
  'cdg.mediation',
  'cdg.panel.hearing',
  'cdg.panel.deliberation',
  'cdg.awaitingResponses',
];

/** What the case was raised with, kept as it was said (its deadlines live in `deadlines`). */
type AsRaised = Omit<DisputeEventDataMap['DisputeRaised'], 'deadlines'>;

export interface DisputeContext extends AsRaised {
  readonly openedAt: string;
  readonly lastEventAt: string;
  /** The step the case is in (kept as data so suspension and reopening can return to it). */
  readonly step: StepName | null;
  readonly highestStage: Stage | null;
  readonly deadlines: readonly Deadline[];
  readonly acknowledgedBy: readonly string[];
  /** A respondent missed a deadline in this stage: the complainant may escalate at once. */
  readonly respondentDefaulted: boolean;
  readonly responseExtensionUsed: boolean;
  readonly route: Route | null;
  readonly mediatorId: string | null;
  readonly panel: Panel | null;
  /** People who served on the case and stood down in the ordinary course: they keep their view of it. */
  readonly formerAppointees: readonly string[];
  /** People who declared a conflict on this case or were removed on an upheld objection: never re-appointed to it. */
  readonly disqualifiedAppointees: readonly string[];
  readonly objectionWindowEndsOn: string | null;
  readonly objections: readonly Objection[];
  readonly mediationSessions: number;
  readonly finding: Finding | null;
  readonly recommendations: readonly RecommendationSpec[];
  readonly findingsResponses: readonly {
    readonly organisationId: string;
    readonly response: FindingsResponse | 'none';
    readonly reasons: string | null;
  }[];
  readonly actions: readonly AgreedAction[];
  readonly suspension: { readonly from: StepName; readonly suspendedOn: string; readonly until: string } | null;
  readonly suspensions: number;
  readonly extensions: number;
  /** The outcome the case will close with once its last agreed action is settled. */
  readonly pendingOutcome: Outcome | null;
  readonly outcome: Outcome | null;
  readonly closedAt: string | null;
  readonly closedInStage: Stage | null;
  readonly reopenableUntil: string | null;
  readonly reopening: {
    readonly grounds: ReopeningGrounds;
    readonly reason: string;
    readonly requestedAt: string;
    readonly resumeTo: StepName;
    readonly decision: 'pending' | 'granted' | 'refused';
  } | null;
  readonly external: {
    readonly body: ExternalBody;
    readonly reference: string | null;
    readonly outcomes: readonly string[];
    readonly previousOutcome: Outcome | null;
  } | null;
  readonly notes: readonly Note[];
  readonly evidence: readonly Evidence[];
  readonly lessons: readonly Lesson[];
}

export function stageOfStep(step: StepName): Stage {
  if (step.startsWith('informal.')) return 1;
  if (step.startsWith('formal.')) return 2;
  return 3;
}

export const EMPTY_CONTEXT: DisputeContext = {
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
  lastEventAt: '',
  step: null,
  highestStage: null,
  deadlines: [],
  acknowledgedBy: [],
  respondentDefaulted: false,
  responseExtensionUsed: false,
  route: null,
  mediatorId: null,
  panel: null,
  formerAppointees: [],
  disqualifiedAppointees: [],
  objectionWindowEndsOn: null,
  objections: [],
  mediationSessions: 0,
  finding: null,
  recommendations: [],
  findingsResponses: [],
  actions: [],
  suspension: null,
  suspensions: 0,
  extensions: 0,
  pendingOutcome: null,
  outcome: null,
  closedAt: null,
  closedInStage: null,
  reopenableUntil: null,
  reopening: null,
  external: null,
  notes: [],
  evidence: [],
  lessons: [],
};

import { type ClauseDates } from '../clause-checks/index.js';
import { type DisputeEventType } from './dispute-events.js';
import {
  type ExternalBody,
  type Finding,
  type FindingsResponse,
  type NoteVisibility,
  type ReopeningGrounds,
  type Route,
  type WithdrawalReason,
} from './vocabulary.js';

export interface ActionInput {
  readonly description: string;
  readonly ownerId: string;
  readonly dueDate: string;
  readonly clause?: string | null;
}

/** What each command asks for, in the words of api.md. Imperative; the machine decides whether it may happen. */
export interface DisputeCommandMap {
  raise: {
    readonly caseId: string;
    readonly respondentIds: readonly string[];
    readonly clauses: readonly string[];
    readonly summary: string;
    readonly details: string;
    readonly desiredOutcome: string;
    readonly urgent?: boolean;
    readonly dates?: ClauseDates;
  };
  acknowledge: Record<string, never>;
  'lodge-formal': { readonly grounds: string };
  'extend-response-deadline': { readonly workingDays: number; readonly reason: string };
  respond: { readonly response: string };
  'refer-to-cdg': { readonly reason: string };
  'choose-route': { readonly route: Route; readonly reason?: string | null; readonly consentFrom?: readonly string[] };
  'appoint-mediator': { readonly personId: string };
  'appoint-panel': { readonly chairId: string; readonly statutoryMemberId: string; readonly vcsMemberId: string };
  'declare-conflict': { readonly interest: string };
  'object-to-appointment': { readonly personId: string; readonly grounds: string };
  'rule-on-objection': { readonly personId: string; readonly upheld: boolean; readonly reason: string };
  'record-session': { readonly heldOn: string; readonly attendees: readonly string[]; readonly summary: string };
  'end-mediation': { readonly summary: string };
  'record-hearing': { readonly heldOn: string; readonly summary: string };
  'issue-findings': { readonly finding: Finding; readonly findings: string; readonly recommendations: readonly ActionInput[] };
  'respond-to-findings': { readonly response: FindingsResponse; readonly reasons?: string | null };
  'agree-resolution': { readonly terms: string; readonly actions: readonly ActionInput[] };
  'complete-action': { readonly actionId: string; readonly evidence?: string | null };
  'vary-action': { readonly actionId: string; readonly dueDate?: string | null; readonly description?: string | null; readonly reason: string };
  suspend: {
    readonly reason: string;
    readonly workingDays: number;
    readonly consentFrom: readonly string[];
    readonly panelChairConsent?: boolean;
  };
  resume: Record<string, never>;
  'extend-deadline': { readonly workingDays: number; readonly reason: string; readonly consentFrom: readonly string[] };
  withdraw: { readonly reasonCode: WithdrawalReason; readonly reason?: string | null };
  'refer-externally': { readonly body: ExternalBody; readonly reference?: string | null };
  'record-external-outcome': { readonly outcome: string };
  'request-reopening': { readonly grounds: ReopeningGrounds; readonly reason: string };
  'decide-reopening': { readonly granted: boolean; readonly reason: string };
  'add-note': { readonly text: string; readonly visibility?: NoteVisibility };
  /** The application stores the bytes by hash; the case records only what identifies them. */
  'add-evidence': { readonly filename: string; readonly contentType: string; readonly sha256: string; readonly size: number };
  'record-lesson': { readonly lesson: string; readonly clause?: string | null };
  /** Sent by the deadline scheduler (or the secretariat) once a due date has passed. */
  'record-missed-deadline': { readonly deadlineId: string };
  'record-missed-action': { readonly actionId: string };
}

export type DisputeCommandName = keyof DisputeCommandMap;

export type DisputeCommand = {
  [K in DisputeCommandName]: { readonly name: K; readonly payload: DisputeCommandMap[K] };
}[DisputeCommandName];

/** The event(s) that a command, when allowed, records first: the machine is asked about these. */
export const COMMAND_EVENTS: { readonly [K in DisputeCommandName]: readonly DisputeEventType[] } = {
  raise: ['DisputeRaised'],
  acknowledge: ['AcknowledgementGiven'],
  'lodge-formal': ['FormalComplaintLodged'],
  'extend-response-deadline': ['ResponseDeadlineExtended'],
  respond: ['FormalResponseIssued'],
  'refer-to-cdg': ['ReferredToCdg'],
  'choose-route': ['RouteChosen'],
  'appoint-mediator': ['MediatorAppointed'],
  'appoint-panel': ['PanelAppointed'],
  'declare-conflict': ['ConflictDeclared'],
  'object-to-appointment': ['AppointmentObjected'],
  'rule-on-objection': ['ObjectionRuled'],
  'record-session': ['MediationSessionHeld'],
  'end-mediation': ['MediationEnded'],
  'record-hearing': ['PanelHearingHeld'],
  'issue-findings': ['FindingsIssued'],
  'respond-to-findings': ['FindingsResponded'],
  'agree-resolution': ['ResolutionAgreed'],
  'complete-action': ['ActionCompleted'],
  'vary-action': ['ActionVaried'],
  suspend: ['CaseSuspended'],
  resume: ['CaseResumed'],
  'extend-deadline': ['DeadlineExtended'],
  withdraw: ['DisputeWithdrawn'],
  'refer-externally': ['ReferredExternally'],
  'record-external-outcome': ['ExternalOutcomeRecorded'],
  'request-reopening': ['ReopeningRequested'],
  'decide-reopening': ['CaseReopened', 'ReopeningRefused'],
  'add-note': ['NoteAdded'],
  'add-evidence': ['EvidenceAdded'],
  'record-lesson': ['LessonRecorded'],
  'record-missed-deadline': ['DeadlineMissed'],
  'record-missed-action': ['ActionMissed'],
};

/** Commands people send over the API on an existing case (raise and the scheduler's own are not listed). */
export const CASE_COMMANDS = (Object.keys(COMMAND_EVENTS) as DisputeCommandName[]).filter(
  (c) => c !== 'raise' && c !== 'record-missed-deadline' && c !== 'record-missed-action',
);

export const isCaseCommand = (name: string): name is DisputeCommandName =>
  (CASE_COMMANDS as readonly string[]).includes(name);

import { type ClauseCheck, type ClauseDates } from '../clause-checks/index.js';
import { type Actor } from '../shared/actor.js';
import { type DeadlineSpec } from './deadline-rules.js';
import {
  type ExternalBody,
  type Finding,
  type FindingsResponse,
  type NoteVisibility,
  type Outcome,
  type ReopeningGrounds,
  type Route,
  type Sector,
  type WithdrawalReason,
} from './vocabulary.js';

export interface PartySnapshot {
  readonly organisationId: string;
  readonly name: string;
  readonly sector: Sector;
  readonly type: string;
}

export interface AgreedActionSpec {
  readonly actionId: string;
  readonly description: string;
  readonly ownerId: string;
  readonly dueDate: string;
  readonly clause: string | null;
  /** Day the secretariat checks it: 5 WD after the due date. */
  readonly checkOn: string;
}

export interface RecommendationSpec {
  readonly recommendationId: string;
  readonly description: string;
  readonly ownerId: string;
  readonly dueDate: string;
  readonly clause: string | null;
  readonly checkOn: string;
}

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

/** What each case event says. Past-tense facts; the machine folds them into the case. */
export interface DisputeEventDataMap {
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
  RouteChosen: { readonly route: Route; readonly reason: string | null };
  MediatorAppointed: {
    readonly personId: string;
    readonly objectionWindowEndsOn: string;
    readonly independenceChecked: readonly string[];
    readonly deadlines: readonly DeadlineSpec[];
  };
  PanelAppointed: {
    readonly chairId: string;
    readonly statutoryMemberId: string;
    readonly vcsMemberId: string;
    readonly objectionWindowEndsOn: string;
    readonly independenceChecked: readonly string[];
    readonly deadlines: readonly DeadlineSpec[];
  };
  ConflictDeclared: { readonly personId: string; readonly interest: string; readonly deadlines: readonly DeadlineSpec[] };
  AppointmentObjected: { readonly personId: string; readonly organisationId: string; readonly grounds: string };
  ObjectionRuled: {
    readonly personId: string;
    readonly upheld: boolean;
    readonly reason: string;
    readonly deadlines: readonly DeadlineSpec[];
  };
  MediationSessionHeld: { readonly heldOn: string; readonly attendees: readonly string[]; readonly summary: string };
  MediationEnded: { readonly summary: string; readonly deadlines: readonly DeadlineSpec[] };
  PanelHearingHeld: { readonly heldOn: string; readonly summary: string; readonly deadlines: readonly DeadlineSpec[] };
  FindingsIssued: {
    readonly finding: Finding;
    readonly findings: string;
    readonly recommendations: readonly RecommendationSpec[];
    readonly deadlines: readonly DeadlineSpec[];
  };
  FindingsResponded: { readonly organisationId: string; readonly response: FindingsResponse; readonly reasons: string | null };
  ResolutionAgreed: { readonly terms: string; readonly actions: readonly AgreedActionSpec[]; readonly outcome: Outcome };
  ActionCompleted: { readonly actionId: string; readonly evidence: string | null };
  ActionVaried: {
    readonly actionId: string;
    readonly dueDate: string | null;
    readonly description: string | null;
    readonly checkOn: string | null;
    readonly reason: string;
  };
  ActionMissed: { readonly actionId: string; readonly dueDate: string; readonly reopenableUntil: string };
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
  CaseSuspended: {
    readonly reason: string;
    readonly workingDays: number;
    readonly consentFrom: readonly string[];
    readonly suspendedOn: string;
    readonly until: string;
    readonly pausedDeadlines: readonly PausedDeadline[];
  };
  CaseResumed: { readonly resumedOn: string; readonly movedDeadlines: readonly MovedDeadline[] };
  DisputeWithdrawn: { readonly reasonCode: WithdrawalReason; readonly reason: string | null };
  ReferredExternally: { readonly body: ExternalBody; readonly reference: string | null };
  ExternalOutcomeRecorded: { readonly outcome: string };
  CaseClosed: { readonly outcome: Outcome; readonly closedOn: string; readonly reopenableUntil: string };
  ReopeningRequested: { readonly grounds: ReopeningGrounds; readonly reason: string; readonly deadlines: readonly DeadlineSpec[] };
  CaseReopened: { readonly reason: string; readonly deadlines: readonly DeadlineSpec[] };
  ReopeningRefused: { readonly reason: string };
  NoteAdded: { readonly noteId: string; readonly text: string; readonly visibility: NoteVisibility };
  EvidenceAdded: {
    readonly evidenceId: string;
    readonly filename: string;
    readonly contentType: string;
    readonly sha256: string;
    readonly size: number;
  };
  LessonRecorded: { readonly lessonId: string; readonly lesson: string; readonly clause: string | null };
}

export type DisputeEventType = keyof DisputeEventDataMap;

export const DISPUTE_EVENT_TYPES = [
  'DisputeRaised',
  'AcknowledgementGiven',
  'FormalComplaintLodged',
  'ResponseDeadlineExtended',
  'FormalResponseIssued',
  'ReferredToCdg',
  'RouteChosen',
  'MediatorAppointed',
  'PanelAppointed',
  'ConflictDeclared',
  'AppointmentObjected',
  'ObjectionRuled',
  'MediationSessionHeld',
  'MediationEnded',
  'PanelHearingHeld',
  'FindingsIssued',
  'FindingsResponded',
  'ResolutionAgreed',
  'ActionCompleted',
  'ActionVaried',
  'ActionMissed',
  'DeadlineMissed',
  'DeadlineExtended',
  'CaseSuspended',
  'CaseResumed',
  'DisputeWithdrawn',
  'ReferredExternally',
  'ExternalOutcomeRecorded',
  'CaseClosed',
  'ReopeningRequested',
  'CaseReopened',
  'ReopeningRefused',
  'NoteAdded',
  'EvidenceAdded',
  'LessonRecorded',
] as const satisfies readonly DisputeEventType[];

/** A case event as a command decides it: the type and what it says. */
export type DisputeEvent = {
  [K in DisputeEventType]: { readonly type: K; readonly data: DisputeEventDataMap[K] };
}[DisputeEventType];

/** What the machine consumes: the event with who did it and when (from the event's metadata). */
export type DisputeMachineEvent = {
  [K in DisputeEventType]: {
    readonly type: K;
    readonly data: DisputeEventDataMap[K];
    readonly actor: Actor;
    readonly at: string;
  };
}[DisputeEventType];

/** The schema version every event type is written at today; upcasters bring older ones up to it. */
export const DISPUTE_EVENT_SCHEMA_VERSION = 1;

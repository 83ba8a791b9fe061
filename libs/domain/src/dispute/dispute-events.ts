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

/**
 * How the engine computed a working-day date that is not a deadline (a check day, a window's end):
 * the rule and the calendar version, as deadlines carry them. Null on events recorded at schema 1,
 * before these dates kept their rule.
 */
export interface ComputedWith {
  readonly calendarVersion: string | null;
}

export interface AgreedActionSpec extends ComputedWith {
  readonly actionId: string;
  readonly description: string;
  readonly ownerId: string;
  readonly dueDate: string;
  readonly clause: string | null;
  /** Day the secretariat checks it: 5 WD after the due date. */
  readonly checkOn: string;
  readonly checkRule: string | null;
}

export interface RecommendationSpec extends ComputedWith {
  readonly recommendationId: string;
  readonly description: string;
  readonly ownerId: string;
  readonly dueDate: string;
  readonly clause: string | null;
  readonly checkOn: string;
  readonly checkRule: string | null;
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
  /** `consentFrom`: the parties that agreed to the route (every party, for mediation). */
  RouteChosen: { readonly route: Route; readonly reason: string | null; readonly consentFrom: readonly string[] };
  MediatorAppointed: ComputedWith & {
    readonly personId: string;
    readonly objectionWindowEndsOn: string;
    readonly objectionWindowRule: string | null;
    readonly independenceChecked: readonly string[];
    readonly deadlines: readonly DeadlineSpec[];
  };
  PanelAppointed: ComputedWith & {
    readonly chairId: string;
    readonly statutoryMemberId: string;
    readonly vcsMemberId: string;
    readonly objectionWindowEndsOn: string;
    readonly objectionWindowRule: string | null;
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
  ActionVaried: ComputedWith & {
    readonly actionId: string;
    readonly dueDate: string | null;
    readonly description: string | null;
    readonly checkOn: string | null;
    readonly checkRule: string | null;
    readonly reason: string;
  };
  ActionMissed: ComputedWith & {
    readonly actionId: string;
    readonly dueDate: string;
    readonly reopenableUntil: string;
    readonly reopenableUntilRule: string | null;
  };
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
  DisputeWithdrawn: { readonly reasonCode: WithdrawalReason; readonly reason: string | null };
  ReferredExternally: { readonly body: ExternalBody; readonly reference: string | null };
  ExternalOutcomeRecorded: { readonly outcome: string };
  /** `unfinishedActionIds`: agreed actions still open when the case closed; they end `closed-unfinished`. */
  CaseClosed: ComputedWith & {
    readonly outcome: Outcome;
    readonly closedOn: string;
    readonly reopenableUntil: string;
    readonly reopenableUntilRule: string | null;
    readonly unfinishedActionIds: readonly string[];
  };
  ReopeningRequested: { readonly grounds: ReopeningGrounds; readonly reason: string; readonly deadlines: readonly DeadlineSpec[] };
  /** Reopening from actionsOpen ends the old settlement: its open actions end `closed-unfinished`. */
  CaseReopened: { readonly reason: string; readonly deadlines: readonly DeadlineSpec[]; readonly unfinishedActionIds: readonly string[] };
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

/**
 * The schema version each event type is written at today; upcasters (event-upcasts.ts) bring older
 * ones up to it on every read. Version 2 added the rule and calendar of every computed working-day
 * date, the consent to a route and the panel chair's to a suspension, and the actions a closure or
 * reopening left unfinished.
 */
export const DISPUTE_EVENT_SCHEMA_VERSIONS: { readonly [K in DisputeEventType]: number } = {
  DisputeRaised: 1,
  AcknowledgementGiven: 1,
  FormalComplaintLodged: 1,
  ResponseDeadlineExtended: 1,
  FormalResponseIssued: 1,
  ReferredToCdg: 1,
  RouteChosen: 2,
  MediatorAppointed: 2,
  PanelAppointed: 2,
  ConflictDeclared: 1,
  AppointmentObjected: 1,
  ObjectionRuled: 1,
  MediationSessionHeld: 1,
  MediationEnded: 1,
  PanelHearingHeld: 1,
  FindingsIssued: 2,
  FindingsResponded: 1,
  ResolutionAgreed: 2,
  ActionCompleted: 1,
  ActionVaried: 2,
  ActionMissed: 2,
  DeadlineMissed: 1,
  DeadlineExtended: 1,
  CaseSuspended: 2,
  CaseResumed: 1,
  DisputeWithdrawn: 1,
  ReferredExternally: 1,
  ExternalOutcomeRecorded: 1,
  CaseClosed: 2,
  ReopeningRequested: 1,
  CaseReopened: 2,
  ReopeningRefused: 1,
  NoteAdded: 1,
  EvidenceAdded: 1,
  LessonRecorded: 1,
};

/** The schema version an event of this type is written at (1 for types this code does not know). */
export const schemaVersionOf = (type: string): number => DISPUTE_EVENT_SCHEMA_VERSIONS[type as DisputeEventType] ?? 1;

import { type DeadlineStep, type DisputeCommandName, type DisputeEventType, type Outcome } from '#domain';

/*
 * The engine's names in the words of the people who use the pages. Presentation only: which step
 * is owed, by whom and when, and which commands someone may send, always come from the engine.
 * Each table is typed by the engine's own vocabulary, so a new state, step, command or event
 * cannot be added without its words.
 */

export type PageCommandName = Exclude<DisputeCommandName, 'raise' | 'record-missed-deadline' | 'record-missed-action'>;

export const STATE_WORDS: Readonly<Record<string, string>> = {
  'informal.awaitingAcknowledgement': 'Informal stage: waiting for the respondent to acknowledge the dispute',
  'informal.inDiscussion': 'Informal stage: the parties are discussing it',
  'formal.awaitingAcknowledgement': 'Formal complaint: waiting for the respondent to acknowledge it',
  'formal.awaitingResponse': 'Formal complaint: waiting for the respondent’s written response',
  'formal.awaitingDecision': 'Formal complaint: the complainant is deciding whether to accept the response',
  'cdg.triage': 'Compact Development Group: the referral is being checked and a route chosen',
  'cdg.mediation': 'Compact Development Group: in mediation',
  'cdg.panel.hearing': 'Compact Development Group: a panel will hear the dispute',
  'cdg.panel.deliberation': 'Compact Development Group: the panel is deciding its findings',
  'cdg.awaitingResponses': 'Compact Development Group: waiting for the parties’ responses to the findings',
  actionsOpen: 'Agreed actions are being carried out',
  suspended: 'Suspended: the clocks are paused',
  closed: 'Closed',
};

/** The short state name for tables and filters. */
export const STATE_LABELS: Readonly<Record<string, string>> = {
  informal: 'Informal stage (all)',
  'informal.awaitingAcknowledgement': 'Awaiting acknowledgement',
  'informal.inDiscussion': 'In discussion',
  formal: 'Formal stage (all)',
  'formal.awaitingAcknowledgement': 'Formal: awaiting acknowledgement',
  'formal.awaitingResponse': 'Formal: awaiting response',
  'formal.awaitingDecision': 'Formal: awaiting decision',
  cdg: 'CDG stage (all)',
  'cdg.triage': 'CDG: triage',
  'cdg.mediation': 'CDG: mediation',
  'cdg.panel': 'CDG: panel (all)',
  'cdg.panel.hearing': 'CDG: panel hearing',
  'cdg.panel.deliberation': 'CDG: panel deliberation',
  'cdg.awaitingResponses': 'CDG: responses to findings',
  actionsOpen: 'Actions open',
  suspended: 'Suspended',
  closed: 'Closed',
};

export const STAGE_WORDS: Readonly<Record<number, string>> = {
  1: 'Stage 1: informal',
  2: 'Stage 2: formal complaint',
  3: 'Stage 3: Compact Development Group',
  4: 'Stage 4: referred to an outside body',
};

export const OUTCOME_WORDS: Readonly<Record<Outcome, string>> = {
  'resolved-informally': 'resolved informally',
  'resolved-formally': 'resolved at the formal stage',
  'resolved-by-mediation': 'resolved by mediation',
  upheld: 'upheld by the panel',
  'partly-upheld': 'partly upheld by the panel',
  'not-upheld': 'not upheld by the panel',
  withdrawn: 'withdrawn by the complainant',
  'not-pursued': 'not pursued: the complainant did not decide in time',
  'referred-externally': 'referred to an outside body',
};

/** What the party who owes a step must do, after "must" ("… must send its written response by …"). */
export const STEP_DUTIES: Readonly<Record<DeadlineStep, string>> = {
  acknowledgement: 'acknowledge the dispute',
  'informal-resolution': 'try to resolve the dispute informally',
  'formal-acknowledgement': 'acknowledge the formal complaint',
  'formal-response': 'send its written response',
  'complainant-decision': 'accept the response or refer the dispute to the Compact Development Group',
  'cdg-triage': 'check the referral and choose mediation or a panel',
  mediation: 'finish mediation',
  'panel-hearing': 'hold the panel hearing',
  'panel-findings': 'issue the panel’s findings',
  'findings-response': 'accept, partly accept or decline the findings',
  'reopening-decision': 'decide whether to reopen the case',
};

export const STEP_LABELS: Readonly<Record<DeadlineStep, string>> = {
  acknowledgement: 'Acknowledgement',
  'informal-resolution': 'Informal resolution',
  'formal-acknowledgement': 'Acknowledgement of the formal complaint',
  'formal-response': 'Written response',
  'complainant-decision': 'Complainant’s decision',
  'cdg-triage': 'CDG triage',
  mediation: 'Mediation',
  'panel-hearing': 'Panel hearing',
  'panel-findings': 'Panel findings',
  'findings-response': 'Responses to the findings',
  'reopening-decision': 'Reopening decision',
};

/** The button that leads to each command's form. */
export const COMMAND_LABELS: Readonly<Record<PageCommandName, string>> = {
  acknowledge: 'Acknowledge',
  'lodge-formal': 'Make a formal complaint',
  'extend-response-deadline': 'Extend the response deadline',
  respond: 'Send the written response',
  'refer-to-cdg': 'Refer to the CDG',
  'choose-route': 'Choose the route',
  'appoint-mediator': 'Appoint a mediator',
  'appoint-panel': 'Appoint a panel',
  'declare-conflict': 'Declare a conflict of interest',
  'object-to-appointment': 'Object to an appointment',
  'rule-on-objection': 'Rule on an objection',
  'record-session': 'Record a mediation session',
  'end-mediation': 'End mediation without agreement',
  'record-hearing': 'Record the hearing',
  'issue-findings': 'Issue the findings',
  'respond-to-findings': 'Respond to the findings',
  'agree-resolution': 'Record an agreed resolution',
  'complete-action': 'Record an action as done',
  'vary-action': 'Change an agreed action',
  suspend: 'Suspend the case',
  resume: 'Resume the case',
  'extend-deadline': 'Extend the current deadline',
  withdraw: 'Withdraw the dispute',
  'refer-externally': 'Refer to an outside body',
  'record-external-outcome': 'Record the outside body’s decision',
  'request-reopening': 'Ask to reopen the case',
  'decide-reopening': 'Decide on reopening',
  'add-note': 'Add a note',
  'add-evidence': 'Add evidence',
  'record-lesson': 'Record a lesson learned',
};

/** Commands that add to the case file rather than move the case on: shown apart from the steps. */
export const CASE_FILE_COMMANDS: readonly PageCommandName[] = ['add-note', 'add-evidence', 'record-lesson'];

export const EVENT_TITLES: Readonly<Record<DisputeEventType, string>> = {
  DisputeRaised: 'Dispute raised',
  AcknowledgementGiven: 'Acknowledged',
  FormalComplaintLodged: 'Formal complaint made',
  ResponseDeadlineExtended: 'Response deadline extended',
  FormalResponseIssued: 'Written response sent',
  ReferredToCdg: 'Referred to the Compact Development Group',
  RouteChosen: 'Route chosen',
  MediatorAppointed: 'Mediator appointed',
  PanelAppointed: 'Panel appointed',
  ConflictDeclared: 'Conflict of interest declared',
  AppointmentObjected: 'Objection to an appointment',
  ObjectionRuled: 'Objection ruled on',
  MediationSessionHeld: 'Mediation session held',
  MediationEnded: 'Mediation ended without agreement',
  PanelHearingHeld: 'Panel hearing held',
  FindingsIssued: 'Findings issued',
  FindingsResponded: 'Response to the findings',
  ResolutionAgreed: 'Resolution agreed',
  ActionCompleted: 'Agreed action done',
  ActionVaried: 'Agreed action changed',
  ActionMissed: 'Agreed action missed',
  DeadlineMissed: 'Deadline missed',
  DeadlineExtended: 'Deadline extended',
  CaseSuspended: 'Case suspended',
  CaseResumed: 'Case resumed',
  DisputeWithdrawn: 'Dispute withdrawn',
  ReferredExternally: 'Referred to an outside body',
  ExternalOutcomeRecorded: 'Outside body’s decision recorded',
  CaseClosed: 'Case closed',
  ReopeningRequested: 'Reopening requested',
  CaseReopened: 'Case reopened',
  ReopeningRefused: 'Reopening refused',
  NoteAdded: 'Note added',
  EvidenceAdded: 'Evidence added',
  LessonRecorded: 'Lesson recorded',
};

/** The text fields of an event worth reading on the timeline, in the order shown, with their labels. */
export const EVENT_TEXT_FIELDS: readonly (readonly [string, string])[] = [
  ['summary', 'Summary'],
  ['grounds', 'Grounds'],
  ['response', 'Response'],
  ['reason', 'Reason'],
  ['reasons', 'Reasons'],
  ['terms', 'Terms'],
  ['findings', 'Findings'],
  ['interest', 'Interest'],
  ['text', 'Note'],
  ['lesson', 'Lesson'],
  ['outcome', 'Outcome'],
  ['evidence', 'Evidence'],
  ['reference', 'Reference'],
];

export const ROUTE_WORDS: Readonly<Record<string, string>> = { mediation: 'Mediation', panel: 'A panel hearing' };

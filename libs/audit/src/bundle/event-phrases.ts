import { type DisputeEventType } from '#domain';
import { longDate, processWords } from '#web';

type Data = Record<string, unknown>;
/** Names an organisation or person by id, as the directory knows them now. */
export type Namer = (id: unknown) => string;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
/** A date as the printed page reads it (2026-03-09 → 9 March 2026). */
const date = (value: unknown): string => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? longDate(value) : text(value));
const quoted = (value: unknown): string => (text(value) === '' ? '' : `: “${shorten(text(value))}”`);
const shorten = (value: string, max = 160): string => (value.length > max ? `${value.slice(0, max - 1)}…` : value);
const list = (value: unknown, name: Namer): string => (Array.isArray(value) ? value.map(name).join(', ') : '');
const count = (value: unknown, one: string): string => {
  const n = Array.isArray(value) ? value.length : 0;
  return `${n === 0 ? 'no' : n} ${one}${n === 1 ? '' : 's'}`;
};
const code = (value: unknown): string => processWords(text(value));

/**
 * What each event means, in a sentence a reader of the printed timeline understands: one line per
 * event type of process.md's vocabulary (and ReopeningRefused, ours), its own words first.
 */
const PHRASES: { readonly [K in DisputeEventType]: (d: Data, name: Namer) => string } = {
  DisputeRaised: (d, name) => `Raised the dispute against ${list(d['respondentIds'], name)} under clauses ${list(d['clauses'], String)}${quoted(d['summary'])}${d['urgent'] === true ? ' (urgent track)' : ''}`,
  AcknowledgementGiven: (d, name) => `${name(d['organisationId'])} acknowledged the dispute`,
  FormalComplaintLodged: (d) => `Lodged a formal complaint${quoted(d['grounds'])}`,
  ResponseDeadlineExtended: (d) => `Extended the response deadline by ${String(d['workingDays'])} working days to ${date(d['dueOn'])}${quoted(d['reason'])}`,
  FormalResponseIssued: (d) => `Issued the formal written response${quoted(d['response'])}`,
  ReferredToCdg: (d) => `Referred the dispute to the Compact Development Group${quoted(d['reason'])}`,
  RouteChosen: (d, name) => `Chose ${code(d['route'])} as the route${Array.isArray(d['consentFrom']) && d['consentFrom'].length > 0 ? `, with the consent of ${list(d['consentFrom'], name)}` : ''}${quoted(d['reason'])}`,
  MediatorAppointed: (d, name) => `Appointed ${name(d['personId'])} as mediator (objections until ${date(d['objectionWindowEndsOn'])})`,
  PanelAppointed: (d, name) => `Appointed the panel: ${name(d['chairId'])} (chair), ${name(d['statutoryMemberId'])}, ${name(d['vcsMemberId'])}`,
  ConflictDeclared: (d, name) => `${name(d['personId'])} declared a conflict of interest${quoted(d['interest'])}`,
  AppointmentObjected: (d, name) => `${name(d['organisationId'])} objected to the appointment of ${name(d['personId'])}${quoted(d['grounds'])}`,
  ObjectionRuled: (d, name) => `${d['upheld'] === true ? 'Upheld' : 'Dismissed'} the objection to ${name(d['personId'])}${quoted(d['reason'])}`,
  MediationSessionHeld: (d) => `Held a mediation session on ${date(d['heldOn'])}${quoted(d['summary'])}`,
  MediationEnded: (d) => `Ended mediation without agreement${quoted(d['summary'])}`,
  PanelHearingHeld: (d) => `Held the panel hearing on ${date(d['heldOn'])}${quoted(d['summary'])}`,
  FindingsIssued: (d) => `Issued the panel's findings: ${code(d['finding'])}, with ${count(d['recommendations'], 'recommendation')}`,
  FindingsResponded: (d, name) => `${name(d['organisationId'])} responded to the findings: ${code(d['response'])}${quoted(d['reasons'])}`,
  ResolutionAgreed: (d) => `Agreed a resolution with ${count(d['actions'], 'action')}${quoted(d['terms'])}`,
  ActionCompleted: (d) => `Completed agreed action ${text(d['actionId'])}`,
  ActionVaried: (d) => `Varied agreed action ${text(d['actionId'])}${d['dueDate'] ? ` (now due ${date(d['dueDate'])})` : ''}${quoted(d['reason'])}`,
  ActionMissed: (d) => `Recorded agreed action ${text(d['actionId'])} as missed (due ${date(d['dueDate'])})`,
  DeadlineMissed: (d, name) => `Recorded the ${code(d['step'])} deadline of ${date(d['dueOn'])} as missed by ${Array.isArray(d['owedByOrganisationIds']) && d['owedByOrganisationIds'].length > 0 ? list(d['owedByOrganisationIds'], name) : `the ${code(d['owedBy'])}`}`,
  DeadlineExtended: (d) => `Extended the deadline by ${String(d['workingDays'])} working days to ${date(d['dueOn'])}${quoted(d['reason'])}`,
  CaseSuspended: (d) => `Suspended the case until ${date(d['until'])}${quoted(d['reason'])}`,
  CaseResumed: (d) => `Resumed the case on ${date(d['resumedOn'])}`,
  DisputeWithdrawn: (d) => `Withdrew the dispute (${code(d['reasonCode'])})${quoted(d['reason'])}`,
  ReferredExternally: (d) => `Referred the dispute to ${text(d['body'])}${d['reference'] ? ` (reference ${text(d['reference'])})` : ''}`,
  ExternalOutcomeRecorded: (d) => `Recorded the outside body's outcome${quoted(d['outcome'])}`,
  CaseClosed: (d) => `The case closed: ${code(d['outcome'])}${d['reopenableUntil'] ? ` (reopenable until ${date(d['reopenableUntil'])})` : ''}`,
  ReopeningRequested: (d) => `Asked for the case to be reopened (${code(d['grounds'])})${quoted(d['reason'])}`,
  CaseReopened: (d) => `Reopened the case${quoted(d['reason'])}`,
  ReopeningRefused: (d) => `Refused to reopen the case${quoted(d['reason'])}`,
  NoteAdded: (d) => `Added a ${d['visibility'] === 'cdg' ? 'CDG-only ' : ''}note${quoted(d['text'])}`,
  EvidenceAdded: (d) => `Added evidence: ${text(d['filename'])} (${String(d['size'])} bytes, SHA-256 ${text(d['sha256']).slice(0, 12)}…)`,
  LessonRecorded: (d) => `Recorded a lesson${d['clause'] ? ` on clause ${text(d['clause'])}` : ''}${quoted(d['lesson'])}`,
};

export function describeEvent(type: string, data: unknown, name: Namer): string {
  const phrase = PHRASES[type as DisputeEventType];
  return phrase ? phrase((data ?? {}) as Data, name) : type.replace(/([a-z])([A-Z])/g, '$1 $2');
}
